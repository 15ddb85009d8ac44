package io.nubo.network.quota;

import io.nubo.network.error.NetworkError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Neutron's quotas: a default per resource, overridden per project by an admin; {@code -1} is unlimited. A create
 * checks the project's current count against its limit in the creating transaction (like Neutron's counting
 * driver without reservations: two creates racing for the last unit can both pass; the limit is a budget, not a
 * lock).
 */
@Service
public class Quotas {

    /** Neutron's default limits, in its order. */
    public static final Map<String, Integer> DEFAULTS;

    static {
        Map<String, Integer> d = new LinkedHashMap<>();
        d.put("network", 100);
        d.put("subnet", 100);
        d.put("port", 500);
        d.put("router", 10);
        d.put("floatingip", 50);
        d.put("security_group", 10);
        d.put("security_group_rule", 100);
        DEFAULTS = java.util.Collections.unmodifiableMap(d);
    }

    private final JdbcTemplate jdbc;
    private final ObjectProvider<UsageCounter> counterBeans;
    private volatile Map<String, UsageCounter> counters;

    /** The counters are looked up on first use: the features that provide them also check quotas. */
    public Quotas(JdbcTemplate jdbc, ObjectProvider<UsageCounter> counters) {
        this.jdbc = jdbc;
        this.counterBeans = counters;
    }

    private UsageCounter counter(String resource) {
        if (counters == null) {
            Map<String, UsageCounter> m = new TreeMap<>();
            counterBeans.orderedStream().forEach(c -> m.put(c.resource(), c));
            counters = m;
        }
        return counters.get(resource);
    }

    /** The project's limits, defaults filled in. */
    public Map<String, Integer> limits(String projectId) {
        Map<String, Integer> out = new LinkedHashMap<>(DEFAULTS);
        jdbc.query("SELECT resource, hard_limit FROM quotas WHERE project_id = ?",
                rs -> {
                    out.put(rs.getString(1), rs.getInt(2));
                }, projectId);
        return out;
    }

    /** Refuses with 409 OverQuota when the project already holds its limit of {@code resource}. */
    public void check(String projectId, String resource, long requested) {
        int limit = limits(projectId).getOrDefault(resource, -1);
        if (limit < 0) {
            return;
        }
        UsageCounter counter = counter(resource);
        long used = counter == null ? 0 : counter.count(projectId);
        if (used + requested > limit) {
            throw NetworkError.OVER_QUOTA.exception(resource);
        }
    }

    public long used(String projectId, String resource) {
        UsageCounter counter = counter(resource);
        return counter == null ? 0 : counter.count(projectId);
    }

    /** The projects that have limits of their own. */
    public List<String> projectsWithOverrides() {
        return jdbc.queryForList("SELECT DISTINCT project_id FROM quotas ORDER BY project_id", String.class);
    }

    @Transactional
    public Map<String, Integer> update(String projectId, Map<String, Integer> changes) {
        for (Map.Entry<String, Integer> e : changes.entrySet()) {
            jdbc.update("DELETE FROM quotas WHERE project_id = ? AND resource = ?", projectId, e.getKey());
            jdbc.update("INSERT INTO quotas (project_id, resource, hard_limit) VALUES (?, ?, ?)", projectId,
                    e.getKey(), e.getValue());
        }
        return limits(projectId);
    }

    @Transactional
    public void reset(String projectId) {
        jdbc.update("DELETE FROM quotas WHERE project_id = ?", projectId);
    }
}
