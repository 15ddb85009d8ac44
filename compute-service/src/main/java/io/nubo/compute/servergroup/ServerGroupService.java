package io.nubo.compute.servergroup;

import io.nubo.compute.error.ComputeError;
import io.nubo.compute.quota.QuotaResource;
import io.nubo.compute.quota.QuotaService;
import io.nubo.compute.quota.UsageCounter;
import io.nubo.compute.wire.Caller;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Server groups (os-server-groups): an affinity or anti-affinity policy over their members. A boot into a group
 * locks the group's row for its transaction, so concurrent boots into one anti-affinity group are placed one after
 * the other and never land together.
 */
@Service
public class ServerGroupService implements UsageCounter {

    public static final List<String> POLICIES = List.of("affinity", "anti-affinity", "soft-affinity",
            "soft-anti-affinity");

    private final JdbcTemplate jdbc;
    private final QuotaService quotas;
    private final Clock clock;

    ServerGroupService(JdbcTemplate jdbc, @Lazy QuotaService quotas, Clock clock) {
        this.jdbc = jdbc;
        this.quotas = quotas;
        this.clock = clock;
    }

    /** A group as the rest of the API sees it. */
    public record Group(String id, String projectId, String userId, String name, String policy,
                        List<String> members) {
        public boolean affinity() {
            return policy.equals("affinity");
        }

        public boolean antiAffinity() {
            return policy.equals("anti-affinity");
        }

        /** Soft policies (2.15) only weigh hosts: +1 per member already there (soft-affinity), -1 (soft-anti). */
        public int softWeightPerMember() {
            return switch (policy) {
                case "soft-affinity" -> 1;
                case "soft-anti-affinity" -> -1;
                default -> 0;
            };
        }
    }

    @Transactional
    public Group create(Caller caller, String name, String policy) {
        quotas.reserve(caller.projectId(), caller.projectId(), caller.userId(),
                Map.of(QuotaResource.SERVER_GROUPS, 1));
        String id = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO server_groups (id, project_id, user_id, name, policy, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", id, caller.projectId(), caller.userId(), name, policy,
                Timestamp.from(clock.instant()));
        return new Group(id, caller.projectId(), caller.userId(), name, policy, List.of());
    }

    private Optional<Group> find(String id, boolean lock) {
        return jdbc.query("SELECT id, project_id, user_id, name, policy FROM server_groups WHERE id = ?"
                        + (lock ? " FOR UPDATE" : ""),
                (rs, i) -> new Group(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), members(rs.getString(1))), id).stream().findFirst();
    }

    private List<String> members(String id) {
        return jdbc.queryForList("SELECT instance_id FROM server_group_members WHERE group_id = ? ORDER BY"
                + " instance_id", String.class, id);
    }

    /** The group, if the caller may see it (its project, or an admin); Nova's 404 otherwise. */
    @Transactional(readOnly = true)
    public Group get(Caller caller, String id) {
        return find(id, false).filter(g -> caller.admin() || caller.owns(g.projectId()))
                .orElseThrow(() -> ComputeError.NOT_FOUND.exception("Instance group " + id + " could not be found."));
    }

    @Transactional(readOnly = true)
    public List<Group> list(Caller caller, boolean allProjects) {
        String sql = "SELECT id, project_id, user_id, name, policy FROM server_groups"
                + (allProjects && caller.admin() ? "" : " WHERE project_id = ?") + " ORDER BY created_at, id";
        Object[] args = allProjects && caller.admin() ? new Object[0] : new Object[] {caller.projectId()};
        return jdbc.query(sql, (rs, i) -> new Group(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), members(rs.getString(1))), args);
    }

    @Transactional
    public void delete(Caller caller, String id) {
        get(caller, id);
        jdbc.update("DELETE FROM server_groups WHERE id = ?", id);
    }

    /** For a boot into the group: locks it until the boot commits and checks server_group_members. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Group lockForBoot(Caller caller, String id, int adding) {
        Group g = find(id, true).filter(x -> caller.admin() || caller.owns(x.projectId()))
                .orElseThrow(() -> ComputeError.BAD_REQUEST.exception("Invalid server group " + id + "."));
        int limit = quotas.limits(caller.projectId()).get(QuotaResource.SERVER_GROUP_MEMBERS);
        if (limit >= 0 && g.members().size() + adding > limit) {
            throw ComputeError.OVER_QUOTA.exception("Quota exceeded, too many servers in group");
        }
        return g;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void addMember(String groupId, String instanceId) {
        jdbc.update("INSERT INTO server_group_members (group_id, instance_id) VALUES (?, ?)", groupId, instanceId);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void removeMember(String instanceId) {
        jdbc.update("DELETE FROM server_group_members WHERE instance_id = ?", instanceId);
    }

    @Override
    public Map<QuotaResource, Integer> inUse(String projectId, String userId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM server_groups WHERE project_id = ?", Integer.class,
                projectId);
        return Map.of(QuotaResource.SERVER_GROUPS, n == null ? 0 : n);
    }
}
