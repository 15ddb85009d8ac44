package io.nubo.network.quota;

import io.nubo.shared.validation.ValidatedBody;
import io.nubo.network.common.Caller;
import io.nubo.network.common.Policy;
import io.nubo.network.error.NetworkError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Neutron's quotas API ({@code quotas} and {@code quota_details}). */
@RestController
public class QuotaController {

    private final Quotas quotas;

    public QuotaController(Quotas quotas) {
        this.quotas = quotas;
    }

    public record QuotaBody(Map<String, Object> quota) {
    }

    public record QuotaList(List<Map<String, Object>> quotas) {
    }

    public record Detail(long used, int limit, int reserved) {
    }

    @GetMapping("/v2.0/quotas")
    public QuotaList list(Caller caller) {
        Policy.enforce(caller, "list_quotas", Policy.Target.owned(null));
        return new QuotaList(quotas.projectsWithOverrides().stream().map(p -> {
            Map<String, Object> q = new LinkedHashMap<>(quotas.limits(p));
            q.put("project_id", p);
            q.put("tenant_id", p);
            return q;
        }).toList());
    }

    @GetMapping("/v2.0/quotas/{projectId}")
    public QuotaBody show(Caller caller, @PathVariable String projectId) {
        readable(caller, projectId);
        return new QuotaBody(new LinkedHashMap<>(quotas.limits(projectId)));
    }

    @GetMapping("/v2.0/quotas/{projectId}/default")
    public QuotaBody defaults(Caller caller, @PathVariable String projectId) {
        readable(caller, projectId);
        return new QuotaBody(new LinkedHashMap<>(Quotas.DEFAULTS));
    }

    @GetMapping({"/v2.0/quotas/{projectId}/details", "/v2.0/quotas/{projectId}/details.json"})
    public QuotaBody details(Caller caller, @PathVariable String projectId) {
        readable(caller, projectId);
        Map<String, Object> out = new LinkedHashMap<>();
        quotas.limits(projectId).forEach((r, l) -> out.put(r, new Detail(quotas.used(projectId, r), l, 0)));
        return new QuotaBody(out);
    }

    @PutMapping("/v2.0/quotas/{projectId}")
    @ValidatedBody("network/quota-update.json")
    public QuotaBody update(Caller caller, @PathVariable String projectId, @RequestBody JsonNode body) {
        Policy.enforce(caller, "update_quota", Policy.Target.owned(projectId));
        // quota-update.json names each resource and takes -1 (unlimited) or more, perhaps as a string
        Map<String, Integer> changes = new LinkedHashMap<>();
        body.get("quota").properties().forEach(e -> changes.put(e.getKey(), e.getValue().isString()
                ? Integer.valueOf(e.getValue().asString().trim()) : Integer.valueOf(e.getValue().asInt())));
        return new QuotaBody(new LinkedHashMap<>(quotas.update(projectId, changes)));
    }

    @DeleteMapping("/v2.0/quotas/{projectId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void reset(Caller caller, @PathVariable String projectId) {
        Policy.enforce(caller, "delete_quota", Policy.Target.owned(projectId));
        quotas.reset(projectId);
    }

    private static void readable(Caller caller, String projectId) {
        if (!Policy.allows(caller, "get_quota", Policy.Target.owned(projectId))) {
            throw NetworkError.POLICY.exception("get_quota");
        }
    }
}
