package io.nubo.metering.hashmap;

import io.nubo.metering.MeteringError;
import io.nubo.metering.hashmap.api.HashmapApi;
import io.nubo.metering.policy.RatingPolicy;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * CloudKitty's hashmap module API under {@code /v1/rating/module_config/hashmap}; admin only. Collections answer
 * with and without the trailing slash the client sends, and deletes take the id in the path or in the body.
 */
@RestController
@RequestMapping("/v1/rating/module_config/hashmap")
class HashmapController {

    private final HashmapConfig config;
    private final RatingPolicy policy;

    HashmapController(HashmapConfig config, RatingPolicy policy) {
        this.config = config;
        this.policy = policy;
    }

    private void admin() {
        policy.authorize(RatingPolicy.Rule.MODULE_CONFIG);
    }

    private static <T> ResponseEntity<T> created(T body, String id) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(ServletUriComponentsBuilder.fromCurrentRequestUri().path("/" + id).build().toUri())
                .body(body);
    }

    private static String idFrom(String pathId, String bodyId) {
        String id = pathId != null ? pathId : bodyId;
        if (id == null || id.isBlank()) {
            throw MeteringError.E015_NOT_FOUND.with();
        }
        return id;
    }

    @GetMapping({"/types", "/types/"})
    List<String> types() {
        admin();
        return HashmapConfig.TYPES;
    }

    // services

    @GetMapping({"/services", "/services/"})
    HashmapApi.Services services() {
        admin();
        return new HashmapApi.Services(config.listServices());
    }

    @GetMapping("/services/{id}")
    HashmapApi.Service service(@PathVariable String id) {
        admin();
        return config.service(id);
    }

    @PostMapping({"/services", "/services/"})
    ResponseEntity<HashmapApi.Service> createService(@RequestBody(required = false) HashmapApi.Service in) {
        admin();
        HashmapApi.Service s = config.createService(in);
        return created(s, s.serviceId());
    }

    @DeleteMapping({"/services", "/services/", "/services/{id}"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteService(@PathVariable(required = false) String id,
                       @RequestBody(required = false) HashmapApi.DeleteRequest body) {
        admin();
        config.deleteService(idFrom(id, body == null ? null : body.serviceId()));
    }

    // fields

    @GetMapping({"/fields", "/fields/"})
    HashmapApi.Fields fields(@RequestParam(name = "service_id", required = false) String serviceId) {
        admin();
        return new HashmapApi.Fields(config.listFields(serviceId));
    }

    @GetMapping("/fields/{id}")
    HashmapApi.Field field(@PathVariable String id) {
        admin();
        return config.field(id);
    }

    @PostMapping({"/fields", "/fields/"})
    ResponseEntity<HashmapApi.Field> createField(@RequestBody(required = false) HashmapApi.Field in) {
        admin();
        HashmapApi.Field f = config.createField(in);
        return created(f, f.fieldId());
    }

    @DeleteMapping({"/fields", "/fields/", "/fields/{id}"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteField(@PathVariable(required = false) String id,
                     @RequestBody(required = false) HashmapApi.DeleteRequest body) {
        admin();
        config.deleteField(idFrom(id, body == null ? null : body.fieldId()));
    }

    // groups

    @GetMapping({"/groups", "/groups/"})
    HashmapApi.Groups groups() {
        admin();
        return new HashmapApi.Groups(config.listGroups());
    }

    @GetMapping({"/groups/mappings", "/groups/mappings/"})
    HashmapApi.Mappings groupMappings(@RequestParam(name = "group_id", required = false) String groupId) {
        admin();
        return new HashmapApi.Mappings(config.groupMappings(groupId));
    }

    @GetMapping({"/groups/thresholds", "/groups/thresholds/"})
    HashmapApi.Thresholds groupThresholds(@RequestParam(name = "group_id", required = false) String groupId) {
        admin();
        return new HashmapApi.Thresholds(config.groupThresholds(groupId));
    }

    @GetMapping("/groups/{id}")
    HashmapApi.Group group(@PathVariable String id) {
        admin();
        return config.group(id);
    }

    @PostMapping({"/groups", "/groups/"})
    ResponseEntity<HashmapApi.Group> createGroup(@RequestBody(required = false) HashmapApi.Group in) {
        admin();
        HashmapApi.Group g = config.createGroup(in);
        return created(g, g.groupId());
    }

    @DeleteMapping({"/groups", "/groups/", "/groups/{id}"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteGroup(@PathVariable(required = false) String id,
                     @RequestParam(name = "recursive", required = false) Boolean recursiveParam,
                     @RequestBody(required = false) HashmapApi.DeleteRequest body) {
        admin();
        boolean recursive = Boolean.TRUE.equals(recursiveParam) || (body != null && Boolean.TRUE.equals(body.recursive()));
        config.deleteGroup(idFrom(id, body == null ? null : body.groupId()), recursive);
    }

    // mappings

    @GetMapping({"/mappings", "/mappings/"})
    HashmapApi.Mappings mappings(@RequestParam(name = "service_id", required = false) String serviceId,
                                 @RequestParam(name = "field_id", required = false) String fieldId,
                                 @RequestParam(name = "group_id", required = false) String groupId,
                                 @RequestParam(name = "no_group", defaultValue = "false") boolean noGroup,
                                 @RequestParam(name = "tenant_id", required = false) String tenantId,
                                 @RequestParam(name = "filter_tenant", defaultValue = "false") boolean filterTenant) {
        admin();
        return new HashmapApi.Mappings(config.listMappings(
                new HashmapConfig.RuleFilter(serviceId, fieldId, groupId, noGroup, tenantId, filterTenant)));
    }

    @GetMapping({"/mappings/group", "/mappings/group/"})
    HashmapApi.Group mappingGroup(@RequestParam(name = "mapping_id", required = false) String mappingId) {
        admin();
        return config.mappingGroup(mappingId);
    }

    @GetMapping("/mappings/{id}")
    HashmapApi.Mapping mapping(@PathVariable String id) {
        admin();
        return config.mapping(id);
    }

    @PostMapping({"/mappings", "/mappings/"})
    ResponseEntity<HashmapApi.Mapping> createMapping(@RequestBody(required = false) HashmapApi.Mapping in) {
        admin();
        HashmapApi.Mapping m = config.createMapping(in);
        return created(m, m.mappingId());
    }

    /** CloudKitty answers 302 with the mapping's own path; the client re-reads it, so 200 with the mapping serves. */
    @PutMapping({"/mappings", "/mappings/", "/mappings/{id}"})
    HashmapApi.Mapping updateMapping(@PathVariable(required = false) String id,
                                     @RequestBody(required = false) HashmapApi.Mapping in) {
        admin();
        return config.updateMapping(idFrom(id, in == null ? null : in.mappingId()), in);
    }

    @DeleteMapping({"/mappings", "/mappings/", "/mappings/{id}"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteMapping(@PathVariable(required = false) String id,
                       @RequestBody(required = false) HashmapApi.DeleteRequest body) {
        admin();
        config.deleteMapping(idFrom(id, body == null ? null : body.mappingId()));
    }

    // thresholds

    @GetMapping({"/thresholds", "/thresholds/"})
    HashmapApi.Thresholds thresholds(@RequestParam(name = "service_id", required = false) String serviceId,
                                     @RequestParam(name = "field_id", required = false) String fieldId,
                                     @RequestParam(name = "group_id", required = false) String groupId,
                                     @RequestParam(name = "no_group", defaultValue = "false") boolean noGroup,
                                     @RequestParam(name = "tenant_id", required = false) String tenantId,
                                     @RequestParam(name = "filter_tenant", defaultValue = "false") boolean filterTenant) {
        admin();
        return new HashmapApi.Thresholds(config.listThresholds(
                new HashmapConfig.RuleFilter(serviceId, fieldId, groupId, noGroup, tenantId, filterTenant)));
    }

    @GetMapping("/thresholds/{id}")
    HashmapApi.Threshold threshold(@PathVariable String id) {
        admin();
        return config.threshold(id);
    }

    @PostMapping({"/thresholds", "/thresholds/"})
    ResponseEntity<HashmapApi.Threshold> createThreshold(@RequestBody(required = false) HashmapApi.Threshold in) {
        admin();
        HashmapApi.Threshold t = config.createThreshold(in);
        return created(t, t.thresholdId());
    }

    @PutMapping({"/thresholds", "/thresholds/", "/thresholds/{id}"})
    HashmapApi.Threshold updateThreshold(@PathVariable(required = false) String id,
                                         @RequestBody(required = false) HashmapApi.Threshold in) {
        admin();
        return config.updateThreshold(idFrom(id, in == null ? null : in.thresholdId()), in);
    }

    @DeleteMapping({"/thresholds", "/thresholds/", "/thresholds/{id}"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteThreshold(@PathVariable(required = false) String id,
                         @RequestBody(required = false) HashmapApi.DeleteRequest body) {
        admin();
        config.deleteThreshold(idFrom(id, body == null ? null : body.thresholdId()));
    }
}
