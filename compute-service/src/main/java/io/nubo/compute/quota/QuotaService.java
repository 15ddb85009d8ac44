package io.nubo.compute.quota;

import io.nubo.compute.error.ComputeError;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Per-project limits and their enforcement. A create calls {@link #reserve} inside its own transaction: that locks
 * the project's row, counts what is in use and refuses with Nova's 403 when the request would pass a limit; the
 * lock holds until the create commits, so concurrent creates in one project are counted one after the other and
 * never exceed a limit together.
 */
@Service
public class QuotaService {

    private final JdbcTemplate jdbc;
    private final List<UsageCounter> counters;
    private final TransactionTemplate newTransaction;

    QuotaService(JdbcTemplate jdbc, List<UsageCounter> counters, PlatformTransactionManager tx) {
        this.jdbc = jdbc;
        this.counters = counters;
        this.newTransaction = new TransactionTemplate(tx);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Transactional(readOnly = true)
    public Map<QuotaResource, Integer> limits(String projectId) {
        Map<QuotaResource, Integer> out = new EnumMap<>(QuotaResource.class);
        for (QuotaResource r : QuotaResource.values()) {
            out.put(r, r.defaultLimit());
        }
        jdbc.query("SELECT resource, hard_limit FROM quota_limits WHERE project_id = ?", rs -> {
            QuotaResource r = QuotaResource.ofWire(rs.getString(1));
            if (r != null) {
                out.put(r, rs.getInt(2));
            }
        }, projectId);
        return out;
    }

    public Map<QuotaResource, Integer> defaults() {
        Map<QuotaResource, Integer> out = new EnumMap<>(QuotaResource.class);
        for (QuotaResource r : QuotaResource.values()) {
            out.put(r, r.defaultLimit());
        }
        return out;
    }

    @Transactional(readOnly = true)
    public Map<QuotaResource, Integer> inUse(String projectId, String userId) {
        Map<QuotaResource, Integer> out = new EnumMap<>(QuotaResource.class);
        for (QuotaResource r : QuotaResource.values()) {
            out.put(r, 0);
        }
        for (UsageCounter c : counters) {
            c.inUse(projectId, userId).forEach((r, n) -> out.merge(r, n, Integer::sum));
        }
        return out;
    }

    /**
     * Locks {@code lockKey} (a project id, or a user's key for per-user resources) for the caller's transaction and
     * checks that adding {@code requested} stays within the project's limits.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void reserve(String lockKey, String projectId, String userId, Map<QuotaResource, Integer> requested) {
        lock(lockKey);
        Map<QuotaResource, Integer> limits = limits(projectId);
        Map<QuotaResource, Integer> used = inUse(projectId, userId);
        for (Map.Entry<QuotaResource, Integer> e : requested.entrySet()) {
            QuotaResource r = e.getKey();
            int limit = limits.get(r);
            if (limit >= 0 && used.get(r) + e.getValue() > limit) {
                if (r == QuotaResource.KEY_PAIRS) {
                    throw ComputeError.OVER_QUOTA.exception("Quota exceeded, too many key pairs.");
                }
                throw ComputeError.OVER_QUOTA.exception("Quota exceeded for " + r.wire() + ": Requested "
                        + e.getValue() + ", but already used " + used.get(r) + " of " + limit + " " + r.wire());
            }
        }
    }

    private void lock(String key) {
        Integer exists = jdbc.queryForObject("SELECT COUNT(*) FROM quota_projects WHERE project_id = ?",
                Integer.class, key);
        if (exists == null || exists == 0) {
            newTransaction.executeWithoutResult(s -> {
                try {
                    jdbc.update("INSERT INTO quota_projects (project_id) VALUES (?)", key);
                } catch (DuplicateKeyException concurrent) {
                    s.setRollbackOnly();
                }
            });
        }
        jdbc.queryForObject("SELECT project_id FROM quota_projects WHERE project_id = ? FOR UPDATE", String.class,
                key);
    }

    /** Sets a project's limits (os-quota-sets update); unless forced, a limit below what is in use is refused. */
    @Transactional
    public Map<QuotaResource, Integer> update(String projectId, Map<QuotaResource, Integer> changes, boolean force) {
        lock(projectId);
        Map<QuotaResource, Integer> used = inUse(projectId, null);
        for (Map.Entry<QuotaResource, Integer> e : changes.entrySet()) {
            int v = e.getValue();
            if (!force && v >= 0 && e.getKey() != QuotaResource.KEY_PAIRS && used.get(e.getKey()) > v) {
                throw ComputeError.BAD_REQUEST.exception("Quota limit " + v + " for " + e.getKey().wire()
                        + " must be greater than or equal to already used and reserved " + used.get(e.getKey())
                        + ".");
            }
        }
        changes.forEach((r, v) -> {
            if (jdbc.update("UPDATE quota_limits SET hard_limit = ? WHERE project_id = ? AND resource = ?", v,
                    projectId, r.wire()) == 0) {
                jdbc.update("INSERT INTO quota_limits (project_id, resource, hard_limit) VALUES (?, ?, ?)",
                        projectId, r.wire(), v);
            }
        });
        return limits(projectId);
    }

    @Transactional
    public void revert(String projectId) {
        jdbc.update("DELETE FROM quota_limits WHERE project_id = ?", projectId);
    }
}
