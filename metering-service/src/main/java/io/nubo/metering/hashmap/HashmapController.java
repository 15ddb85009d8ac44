package io.nubo.metering.hashmap;

import io.nubo.metering.error.MeteringError;
import io.nubo.metering.hashmap.api.HashmapApi;
import io.nubo.shared.policy.Policy;
import io.nubo.shared.validation.ValidatedBody;
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

    private static final String CONFIG = "rating:module_config";

    private final HashmapConfig config;

    HashmapController(HashmapConfig config) {
        this.config = config;
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

    @Policy(CONFIG)
    @GetMapping({"/types", "/types/"})
    List<String> types() {
        return HashmapConfig.TYPES;
    }

    // services

    @Policy(CONFIG)
    @GetMapping({"/services", "/services/"})
    HashmapApi.Services services() {
        return new HashmapApi.Services(config.listServices());
    }

    @Policy(CONFIG)
    @GetMapping("/services/{id}")
    HashmapApi.Service service(@PathVariable String id) {
        return config.service(id);
    }

    @Policy(CONFIG)
    @ValidatedBody("metering/service-create.json")
    @PostMapping({"/services", "/services/"})
    ResponseEntity<HashmapApi.Service> createService(@RequestBody HashmapApi.Service in) {
        HashmapApi.Service s = config.createService(in);
        return created(s, s.serviceId());
    }

    @Policy(CONFIG)
    @DeleteMapping({"/services", "/services/", "/services/{id}"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteService(@PathVariable(required = false) String id,
                       @RequestBody(required = false) HashmapApi.DeleteRequest body) {
        config.deleteService(idFrom(id, body == null ? null : body.serviceId()));
    }

    // fields

    @Policy(CONFIG)
    @GetMapping({"/fields", "/fields/"})
    HashmapApi.Fields fields(@RequestParam(name = "service_id", required = false) String serviceId) {
        return new HashmapApi.Fields(config.listFields(serviceId));
    }

    @Policy(CONFIG)
    @GetMapping("/fields/{id}")
    HashmapApi.Field field(@PathVariable String id) {
        return config.field(id);
    }

    @Policy(CONFIG)
    @ValidatedBody("metering/field-create.json")
    @PostMapping({"/fields", "/fields/"})
    ResponseEntity<HashmapApi.Field> createField(@RequestBody HashmapApi.Field in) {
        HashmapApi.Field f = config.createField(in);
        return created(f, f.fieldId());
    }

    @Policy(CONFIG)
    @DeleteMapping({"/fields", "/fields/", "/fields/{id}"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteField(@PathVariable(required = false) String id,
                     @RequestBody(required = false) HashmapApi.DeleteRequest body) {
        config.deleteField(idFrom(id, body == null ? null : body.fieldId()));
    }

    // groups

    @Policy(CONFIG)
    @GetMapping({"/groups", "/groups/"})
    HashmapApi.Groups groups() {
        return new HashmapApi.Groups(config.listGroups());
    }

    @Policy(CONFIG)
    @GetMapping({"/groups/mappings", "/groups/mappings/"})
    HashmapApi.Mappings groupMappings(@RequestParam(name = "group_id", required = false) String groupId) {
        return new HashmapApi.Mappings(config.groupMappings(groupId));
    }

    @Policy(CONFIG)
    @GetMapping({"/groups/thresholds", "/groups/thresholds/"})
    HashmapApi.Thresholds groupThresholds(@RequestParam(name = "group_id", required = false) String groupId) {
        return new HashmapApi.Thresholds(config.groupThresholds(groupId));
    }

    @Policy(CONFIG)
    @GetMapping("/groups/{id}")
    HashmapApi.Group group(@PathVariable String id) {
        return config.group(id);
    }

    @Policy(CONFIG)
    @ValidatedBody("metering/group-create.json")
    @PostMapping({"/groups", "/groups/"})
    ResponseEntity<HashmapApi.Group> createGroup(@RequestBody HashmapApi.Group in) {
        HashmapApi.Group g = config.createGroup(in);
        return created(g, g.groupId());
    }

    @Policy(CONFIG)
    @DeleteMapping({"/groups", "/groups/", "/groups/{id}"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteGroup(@PathVariable(required = false) String id,
                     @RequestParam(name = "recursive", required = false) Boolean recursiveParam,
                     @RequestBody(required = false) HashmapApi.DeleteRequest body) {
        boolean recursive = Boolean.TRUE.equals(recursiveParam) || (body != null && Boolean.TRUE.equals(body.recursive()));
        config.deleteGroup(idFrom(id, body == null ? null : body.groupId()), recursive);
    }

    // mappings

    @Policy(CONFIG)
    @GetMapping({"/mappings", "/mappings/"})
    HashmapApi.Mappings mappings(@RequestParam(name = "service_id", required = false) String serviceId,
                                 @RequestParam(name = "field_id", required = false) String fieldId,
                                 @RequestParam(name = "group_id", required = false) String groupId,
                                 @RequestParam(name = "no_group", defaultValue = "false") boolean noGroup,
                                 @RequestParam(name = "tenant_id", required = false) String tenantId,
                                 @RequestParam(name = "filter_tenant", defaultValue = "false") boolean filterTenant) {
        return new HashmapApi.Mappings(config.listMappings(
                new HashmapConfig.RuleFilter(serviceId, fieldId, groupId, noGroup, tenantId, filterTenant)));
    }

    @Policy(CONFIG)
    @GetMapping({"/mappings/group", "/mappings/group/"})
    HashmapApi.Group mappingGroup(@RequestParam(name = "mapping_id", required = false) String mappingId) {
        return config.mappingGroup(mappingId);
    }

    @Policy(CONFIG)
    @GetMapping("/mappings/{id}")
    HashmapApi.Mapping mapping(@PathVariable String id) {
        return config.mapping(id);
    }

    @Policy(CONFIG)
    @ValidatedBody("metering/mapping-create.json")
    @PostMapping({"/mappings", "/mappings/"})
    ResponseEntity<HashmapApi.Mapping> createMapping(@RequestBody HashmapApi.Mapping in) {
        HashmapApi.Mapping m = config.createMapping(in);
        return created(m, m.mappingId());
    }

    /** CloudKitty answers 302 with the mapping's own path; the client re-reads it, so 200 with the mapping serves. */
    @Policy(CONFIG)
    @ValidatedBody("metering/mapping-update.json")
    @PutMapping({"/mappings", "/mappings/", "/mappings/{id}"})
    HashmapApi.Mapping updateMapping(@PathVariable(required = false) String id,
                                     @RequestBody HashmapApi.Mapping in) {
        return config.updateMapping(idFrom(id, in == null ? null : in.mappingId()), in);
    }

    @Policy(CONFIG)
    @DeleteMapping({"/mappings", "/mappings/", "/mappings/{id}"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteMapping(@PathVariable(required = false) String id,
                       @RequestBody(required = false) HashmapApi.DeleteRequest body) {
        config.deleteMapping(idFrom(id, body == null ? null : body.mappingId()));
    }

    // thresholds

    @Policy(CONFIG)
    @GetMapping({"/thresholds", "/thresholds/"})
    HashmapApi.Thresholds thresholds(@RequestParam(name = "service_id", required = false) String serviceId,
                                     @RequestParam(name = "field_id", required = false) String fieldId,
                                     @RequestParam(name = "group_id", required = false) String groupId,
                                     @RequestParam(name = "no_group", defaultValue = "false") boolean noGroup,
                                     @RequestParam(name = "tenant_id", required = false) String tenantId,
                                     @RequestParam(name = "filter_tenant", defaultValue = "false") boolean filterTenant) {
        return new HashmapApi.Thresholds(config.listThresholds(
                new HashmapConfig.RuleFilter(serviceId, fieldId, groupId, noGroup, tenantId, filterTenant)));
    }

    @Policy(CONFIG)
    @GetMapping("/thresholds/{id}")
    HashmapApi.Threshold threshold(@PathVariable String id) {
        return config.threshold(id);
    }

    @Policy(CONFIG)
    @ValidatedBody("metering/threshold-create.json")
    @PostMapping({"/thresholds", "/thresholds/"})
    ResponseEntity<HashmapApi.Threshold> createThreshold(@RequestBody HashmapApi.Threshold in) {
        HashmapApi.Threshold t = config.createThreshold(in);
        return created(t, t.thresholdId());
    }

    @Policy(CONFIG)
    @ValidatedBody("metering/threshold-update.json")
    @PutMapping({"/thresholds", "/thresholds/", "/thresholds/{id}"})
    HashmapApi.Threshold updateThreshold(@PathVariable(required = false) String id,
                                         @RequestBody HashmapApi.Threshold in) {
        return config.updateThreshold(idFrom(id, in == null ? null : in.thresholdId()), in);
    }

    @Policy(CONFIG)
    @DeleteMapping({"/thresholds", "/thresholds/", "/thresholds/{id}"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteThreshold(@PathVariable(required = false) String id,
                         @RequestBody(required = false) HashmapApi.DeleteRequest body) {
        config.deleteThreshold(idFrom(id, body == null ? null : body.thresholdId()));
    }
}
