package io.nubo.metering.module;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.policy.Policy;
import io.nubo.shared.validation.ValidatedBody;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v1/rating/modules} (CloudKitty's CloudkittyModule shape) and {@code /v2/rating/modules}; admin only. */
@RestController
class ModuleController {

    /** v1's module: {@code hot-config} spelled with a dash. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record V1Module(@JsonProperty("module_id") String moduleId, @JsonProperty("description") String description,
                    @JsonProperty("enabled") Boolean enabled, @JsonProperty("hot-config") Boolean hotConfig,
                    @JsonProperty("priority") Integer priority) {
        static V1Module of(RatingModules.State s) {
            return new V1Module(s.moduleId(), s.description(), s.enabled(), s.hotConfig(), s.priority());
        }
    }

    record V1Modules(List<V1Module> modules) {
    }

    /** v2's module (cloudkitty/api/v2/rating/modules.py). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record V2Module(@JsonProperty("module_id") String moduleId, @JsonProperty("description") String description,
                    @JsonProperty("enabled") Boolean enabled, @JsonProperty("hot_config") Boolean hotConfig,
                    @JsonProperty("priority") Integer priority) {
        static V2Module of(RatingModules.State s) {
            return new V2Module(s.moduleId(), s.description(), s.enabled(), s.hotConfig(), s.priority());
        }
    }

    record V2Modules(List<V2Module> modules) {
    }

    private final RatingModules modules;

    ModuleController(RatingModules modules) {
        this.modules = modules;
    }

    @Policy("rating:list_modules")
    @GetMapping({"/v1/rating/modules", "/v1/rating/modules/"})
    V1Modules list() {
        return new V1Modules(modules.list().stream().map(V1Module::of).toList());
    }

    @Policy("rating:get_module")
    @GetMapping("/v1/rating/modules/{id}")
    V1Module get(@PathVariable String id) {
        return V1Module.of(modules.get(id));
    }

    /** CloudKitty answers 302 to its own path; the client reads the module again, so 200 with it serves as well. */
    @Policy("rating:update_module")
    @ValidatedBody("metering/module-update.json")
    @PutMapping("/v1/rating/modules/{id}")
    V1Module update(@PathVariable String id, @RequestBody V1Module in) {
        return V1Module.of(modules.update(id, in == null ? null : in.enabled(), in == null ? null : in.priority()));
    }

    @Policy("rating:list_modules")
    @GetMapping({"/v2/rating/modules", "/v2/rating/modules/"})
    V2Modules listV2() {
        return new V2Modules(modules.list().stream().map(V2Module::of).toList());
    }

    @Policy("rating:get_module")
    @GetMapping("/v2/rating/modules/{id}")
    V2Module getV2(@PathVariable String id) {
        return V2Module.of(modules.get(id));
    }

    @Policy("rating:update_module")
    @ValidatedBody("metering/module-update.json")
    @PutMapping("/v2/rating/modules/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void updateV2(@PathVariable String id, @RequestBody V2Module in) {
        modules.update(id, in == null ? null : in.enabled(), in == null ? null : in.priority());
    }
}
