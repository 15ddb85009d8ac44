package io.nubo.blockstorage.volume.quota;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Json;
import io.nubo.blockstorage.request.Policy;
import io.nubo.shared.validation.ValidatedBody;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Cinder's {@code os-quota-class-sets} (admin): class {@code default} holds the limits of every project that has
 * none of its own, so changing it changes {@code os-quota-sets/{p}/defaults} and what new projects get.
 */
@RestController
public class QuotaClassController {

    public record QuotaClassSet(@JsonProperty("quota_class_set") Map<String, Object> quotaClassSet) {
    }

    private final QuotaService quotas;

    public QuotaClassController(QuotaService quotas) {
        this.quotas = quotas;
    }

    @GetMapping("/v3/{projectId}/os-quota-class-sets/{name}")
    public QuotaClassSet show(Caller caller, @PathVariable String name) {
        caller.require(Policy.QUOTA_CLASSES);
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("id", name);
        set.putAll(quotas.quotaClass(name));
        return new QuotaClassSet(set);
    }

    @PutMapping("/v3/{projectId}/os-quota-class-sets/{name}")
    @ValidatedBody("block-storage/quota-class-update.json")
    public QuotaClassSet update(Caller caller, @PathVariable String name, @RequestBody JsonNode body) {
        caller.require(Policy.QUOTA_CLASSES);
        JsonNode q = Json.root(body, "quota_class_set");
        Map<String, Integer> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : q.properties()) {
            if (!e.getKey().equals("id") && !e.getKey().equals("class_name")) {
                values.put(e.getKey(), Json.integer(q, e.getKey()));
            }
        }
        quotas.setClass(name, values);
        return new QuotaClassSet(new LinkedHashMap<>(quotas.quotaClass(name)));
    }
}
