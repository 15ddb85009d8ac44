package io.nubo.blockstorage.volume.quota;

import io.nubo.shared.validation.ValidatedBody;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Json;
import io.nubo.blockstorage.request.Policy;
import java.util.LinkedHashMap;
import java.util.List;
import io.nubo.shared.microversion.ApiVersion;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Cinder's os-quota-sets and limits. A project reads its own quotas; admins read and set anyone's. */
@RestController
public class QuotaController {

    public record QuotaSet(@JsonProperty("quota_set") Map<String, Object> quotaSet) {
    }

    public record Limits(Body limits) {
        public record Body(List<Object> rate, Map<String, Integer> absolute) {
        }
    }

    private final QuotaService quotas;

    public QuotaController(QuotaService quotas) {
        this.quotas = quotas;
    }

    @GetMapping("/v3/{projectId}/os-quota-sets/{target}")
    public QuotaSet show(Caller caller, @PathVariable String target,
                         @RequestParam(name = "usage", defaultValue = "false") String usage) {
        caller.require(Policy.QUOTA_SHOW, target);
        Map<String, Integer> limits = quotas.limits(target);
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("id", target);
        if (usage.equalsIgnoreCase("true")) {
            Map<String, Integer> used = quotas.usage(target);
            limits.forEach((k, v) -> set.put(k, Map.of("limit", v, "in_use", used.getOrDefault(k, 0),
                    "reserved", 0)));
        } else {
            set.putAll(limits);
        }
        return new QuotaSet(set);
    }

    @GetMapping("/v3/{projectId}/os-quota-sets/{target}/defaults")
    public QuotaSet defaults(Caller caller, @PathVariable String target) {
        caller.require(Policy.QUOTA_SHOW, target);
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("id", target);
        set.putAll(quotas.defaults());
        return new QuotaSet(set);
    }

    @PutMapping("/v3/{projectId}/os-quota-sets/{target}")
    @ValidatedBody("block-storage/quota-update.json")
    public QuotaSet update(Caller caller, @PathVariable String target, @RequestBody JsonNode body) {
        caller.require(Policy.QUOTA_UPDATE);
        JsonNode q = Json.root(body, "quota_set");
        Map<String, Integer> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : q.properties()) {
            String k = e.getKey();
            if (k.equals("tenant_id") || k.equals("id")) {
                continue;
            }
            // quota-update.json names each resource and takes a limit of -1 or more
            values.put(k, Json.integer(q, k));
        }
        quotas.set(target, values);
        return new QuotaSet(new LinkedHashMap<>(quotas.limits(target)));
    }

    @DeleteMapping("/v3/{projectId}/os-quota-sets/{target}")
    public void reset(Caller caller, @PathVariable String target) {
        caller.require(Policy.QUOTA_UPDATE);
        quotas.reset(target);
    }

    /** Microversion 3.39: an administrator's {@code project_id} (or the older {@code tenant_id}) filter of limits. */
    static final String LIMITS_ADMIN_FILTER = "3.39";

    /**
     * The caller's project's limits; from 3.39 an administrator names another project with {@code project_id}
     * ({@code tenant_id} also, as Cinder keeps it); before 3.39, or from anyone else, both are ignored.
     */
    @GetMapping("/v3/{projectId}/limits")
    public Limits limits(Caller caller, @RequestParam Map<String, String> params, ApiVersion version) {
        String project = caller.projectId();
        if (version.atLeast(LIMITS_ADMIN_FILTER) && caller.admin()) {
            project = params.getOrDefault("project_id", params.getOrDefault("tenant_id", project));
        }
        Map<String, Integer> l = quotas.limits(project);
        Map<String, Integer> u = quotas.usage(project);
        Map<String, Integer> absolute = new LinkedHashMap<>();
        absolute.put("maxTotalVolumes", l.get("volumes"));
        absolute.put("maxTotalSnapshots", l.get("snapshots"));
        absolute.put("maxTotalVolumeGigabytes", l.get("gigabytes"));
        absolute.put("maxTotalBackups", l.get("backups"));
        absolute.put("maxTotalBackupGigabytes", l.get("backup_gigabytes"));
        absolute.put("totalVolumesUsed", u.get("volumes"));
        absolute.put("totalSnapshotsUsed", u.get("snapshots"));
        absolute.put("totalGigabytesUsed", u.get("gigabytes"));
        absolute.put("totalBackupsUsed", u.get("backups"));
        absolute.put("totalBackupGigabytesUsed", u.get("backup_gigabytes"));
        return new Limits(new Limits.Body(List.of(), absolute));
    }
}
