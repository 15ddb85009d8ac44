package io.nubo.compute.quota;

import io.nubo.shared.validation.ValidatedBody;
import io.nubo.compute.wire.Access;
import static io.nubo.compute.quota.QuotaResource.CORES;
import static io.nubo.compute.quota.QuotaResource.FIXED_IPS;
import static io.nubo.compute.quota.QuotaResource.FLOATING_IPS;
import static io.nubo.compute.quota.QuotaResource.INJECTED_FILES;
import static io.nubo.compute.quota.QuotaResource.INJECTED_FILE_CONTENT_BYTES;
import static io.nubo.compute.quota.QuotaResource.INJECTED_FILE_PATH_BYTES;
import static io.nubo.compute.quota.QuotaResource.INSTANCES;
import static io.nubo.compute.quota.QuotaResource.KEY_PAIRS;
import static io.nubo.compute.quota.QuotaResource.METADATA_ITEMS;
import static io.nubo.compute.quota.QuotaResource.RAM;
import static io.nubo.compute.quota.QuotaResource.SECURITY_GROUPS;
import static io.nubo.compute.quota.QuotaResource.SECURITY_GROUP_RULES;
import static io.nubo.compute.quota.QuotaResource.SERVER_GROUPS;
import static io.nubo.compute.quota.QuotaResource.SERVER_GROUP_MEMBERS;

import io.nubo.compute.wire.ComputePolicy;
import io.nubo.compute.quota.api.QuotaViews;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.error.ComputeError;
import io.nubo.compute.wire.RequestBody;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Nova's os-quota-sets (show, defaults, detail, update, revert) and limits at 2.1. */
@RestController
class QuotaController {

    private final QuotaService quotas;

    private final Access access;

    QuotaController(QuotaService quotas, Access access) {
        this.access = access;
        this.quotas = quotas;
    }

    static <T> QuotaViews.QuotaSet<T> set(String id, Function<QuotaResource, T> v) {
        return new QuotaViews.QuotaSet<>(id, v.apply(INSTANCES), v.apply(CORES), v.apply(RAM), v.apply(FLOATING_IPS),
                v.apply(FIXED_IPS), v.apply(METADATA_ITEMS), v.apply(KEY_PAIRS), v.apply(SECURITY_GROUPS),
                v.apply(SECURITY_GROUP_RULES), v.apply(SERVER_GROUPS), v.apply(SERVER_GROUP_MEMBERS),
                v.apply(INJECTED_FILES), v.apply(INJECTED_FILE_CONTENT_BYTES), v.apply(INJECTED_FILE_PATH_BYTES));
    }

    @GetMapping("/v2.1/os-quota-sets/{projectId}")
    QuotaViews.One<Integer> show(Caller caller, @PathVariable String projectId) {
        access.check(ComputePolicy.QUOTA_SHOW, caller, projectId);
        Map<QuotaResource, Integer> limits = quotas.limits(projectId);
        return new QuotaViews.One<>(set(projectId, limits::get));
    }

    @GetMapping("/v2.1/os-quota-sets/{projectId}/defaults")
    QuotaViews.One<Integer> defaults(@PathVariable String projectId) {
        Map<QuotaResource, Integer> limits = quotas.defaults();
        return new QuotaViews.One<>(set(projectId, limits::get));
    }

    @GetMapping("/v2.1/os-quota-sets/{projectId}/detail")
    QuotaViews.One<QuotaViews.Detail> detail(Caller caller, @PathVariable String projectId,
                                             @RequestParam(name = "user_id", required = false) String userId) {
        access.check(ComputePolicy.QUOTA_SHOW, caller, projectId);
        Map<QuotaResource, Integer> limits = quotas.limits(projectId);
        Map<QuotaResource, Integer> used = quotas.inUse(projectId, userId == null ? caller.userId() : userId);
        return new QuotaViews.One<>(set(projectId, r -> new QuotaViews.Detail(limits.get(r), used.get(r), 0)));
    }

    @ValidatedBody("compute/quota-update.json")
    @PutMapping("/v2.1/os-quota-sets/{projectId}")
    QuotaViews.One<Integer> update(Caller caller, @PathVariable String projectId,
                                   @org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        access.check(ComputePolicy.QUOTA_UPDATE, caller, projectId);
        RequestBody q = RequestBody.wrapped(body, "quota_set", null);
        Map<QuotaResource, Integer> changes = new EnumMap<>(QuotaResource.class);
        boolean force = false;
        for (String field : List.copyOf(q.raw().propertyNames())) {
            if (field.equals("force")) {
                force = Boolean.TRUE.equals(q.bool("force"));
                continue;
            }
            QuotaResource r = QuotaResource.ofWire(field);
            if (r == null) {
                throw ComputeError.BAD_REQUEST.exception("Invalid input for field/attribute quota_set. "
                        + "Additional properties are not allowed ('" + field + "' was unexpected)");
            }
            changes.put(r, q.integer(field, true, -1, Integer.MAX_VALUE));
        }
        Map<QuotaResource, Integer> limits = quotas.update(projectId, changes, force);
        return new QuotaViews.One<>(set(null, limits::get));
    }

    @DeleteMapping("/v2.1/os-quota-sets/{projectId}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void revert(Caller caller, @PathVariable String projectId) {
        access.check(ComputePolicy.QUOTA_UPDATE, caller, projectId);
        quotas.revert(projectId);
    }

    @GetMapping("/v2.1/limits")
    QuotaViews.LimitsOne limits(Caller caller, @RequestParam(name = "tenant_id", required = false) String tenantId) {
        String project = caller.projectId();
        if (tenantId != null && !tenantId.equals(project)) {
            access.check(ComputePolicy.LIMITS_OTHER_PROJECT, caller);
            project = tenantId;
        }
        Map<QuotaResource, Integer> l = quotas.limits(project);
        Map<QuotaResource, Integer> u = quotas.inUse(project, caller.userId());
        return new QuotaViews.LimitsOne(new QuotaViews.Limits(List.of(), new QuotaViews.Absolute(
                l.get(INSTANCES), l.get(CORES), l.get(RAM), l.get(KEY_PAIRS), l.get(METADATA_ITEMS),
                l.get(METADATA_ITEMS), l.get(INJECTED_FILES), l.get(INJECTED_FILE_CONTENT_BYTES),
                l.get(FLOATING_IPS), l.get(SECURITY_GROUPS), l.get(SECURITY_GROUP_RULES), l.get(SERVER_GROUPS),
                l.get(SERVER_GROUP_MEMBERS), u.get(INSTANCES), u.get(CORES), u.get(RAM), 0, 0,
                u.get(SERVER_GROUPS))));
    }
}
