package io.nubo.network.securitygroup;

import io.nubo.network.common.Caller;
import io.nubo.network.common.Json;
import io.nubo.network.common.Policy;
import io.nubo.network.common.RequestBody;
import io.nubo.network.error.NetworkError;
import io.nubo.network.quota.Quotas;
import io.nubo.network.quota.UsageCounter;
import io.nubo.network.securitygroup.api.SecurityGroupViews;
import io.nubo.network.tag.Taggable;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import io.nubo.shared.events.network.SecurityGroupRulesChanged;
import io.nubo.shared.outbox.EventPublisher;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Security groups and their rules. Every project has a group named {@code default}, made on its first use with
 * Neutron's default rules (all egress; ingress from members of the group itself), once even when two first uses
 * race: the project's row in {@code default_security_groups} is claimed before the group is written.
 */
@Service
public class SecurityGroupService implements Taggable {

    private final SecurityGroupRepository groups;
    private final RuleRepository rules;
    private final JdbcTemplate jdbc;
    private final Quotas quotas;
    private final ObjectProvider<SecurityGroupUsage> usage;
    private final EventPublisher events;

    public SecurityGroupService(SecurityGroupRepository groups, RuleRepository rules, JdbcTemplate jdbc,
                                Quotas quotas, ObjectProvider<SecurityGroupUsage> usage, EventPublisher events) {
        this.events = events;
        this.groups = groups;
        this.rules = rules;
        this.jdbc = jdbc;
        this.quotas = quotas;
        this.usage = usage;
    }

    /** The id of the project's default group, made now if it does not exist yet. */
    @Transactional
    public String ensureDefault(String projectId) {
        List<String> existing = jdbc.queryForList(
                "SELECT security_group_id FROM default_security_groups WHERE project_id = ?", String.class, projectId);
        if (!existing.isEmpty()) {
            return existing.get(0);
        }
        SecurityGroupEntity g = new SecurityGroupEntity(projectId);
        int claimed = jdbc.update("INSERT INTO default_security_groups (project_id, security_group_id) VALUES (?, ?)"
                + " ON CONFLICT DO NOTHING", projectId, g.getId());
        if (claimed == 0) {
            return jdbc.queryForObject("SELECT security_group_id FROM default_security_groups WHERE project_id = ?",
                    String.class, projectId);
        }
        g.name = "default";
        g.setDescription("Default security group");
        groups.saveAndFlush(g);
        for (String ethertype : List.of("IPv4", "IPv6")) {
            rules.save(new RuleEntity(projectId, g.getId(), RuleRequest.of("egress", ethertype, null)));
            rules.save(new RuleEntity(projectId, g.getId(), RuleRequest.of("ingress", ethertype, g.getId())));
        }
        rules.flush();
        return g.getId();
    }

    @Transactional
    ObjectNode create(Caller caller, JsonNode body) {
        RequestBody b = RequestBody.of(body, "security_group");
        String project = Policy.owningProject(caller, b.project());
        ensureDefault(project);
        String name = b.string("name");
        if ("default".equals(name)) {
            throw NetworkError.CONFLICT.exception("Default security group already exists.");
        }
        quotas.check(project, "security_group", 1);
        SecurityGroupEntity g = new SecurityGroupEntity(project);
        g.name = name == null ? "" : name;
        g.setDescription(b.string("description"));
        Boolean stateful = b.bool("stateful");
        g.stateful = stateful == null || stateful;
        List<String> tags = b.strings("tags");
        if (tags != null) {
            g.setTags(Set.copyOf(tags));
        }
        groups.saveAndFlush(g);
        for (String ethertype : List.of("IPv4", "IPv6")) {
            rules.save(new RuleEntity(project, g.getId(), RuleRequest.of("egress", ethertype, null)));
        }
        rules.flush();
        return render(List.of(g)).get(0);
    }

    @Transactional
    List<ObjectNode> list(Caller caller) {
        if (caller.projectId() != null) {
            ensureDefault(caller.projectId());
        }
        return render(caller.admin() ? groups.findAll() : groups.findByProjectId(caller.projectId()));
    }

    @Transactional(readOnly = true)
    ObjectNode show(Caller caller, String id) {
        return render(List.of(visible(caller, id))).get(0);
    }

    @Transactional
    ObjectNode update(Caller caller, String id, JsonNode body) {
        SecurityGroupEntity g = visible(caller, id);
        Policy.enforce(caller, "update_security_group", Policy.Target.owned(g.getProjectId()));
        RequestBody b = RequestBody.of(body, "security_group");
        String name = b.string("name");
        if (name != null && !name.equals(g.name) && ("default".equals(g.name) || "default".equals(name))) {
            throw NetworkError.CONFLICT.exception("Updating default security group not allowed.");
        }
        if (name != null) {
            g.name = name;
        }
        if (b.has("description")) {
            g.setDescription(b.string("description"));
        }
        Boolean stateful = b.bool("stateful");
        if (stateful != null) {
            g.stateful = stateful;
        }
        g.touch();
        groups.saveAndFlush(g);
        return render(List.of(g)).get(0);
    }

    @Transactional
    void delete(Caller caller, String id) {
        SecurityGroupEntity g = visible(caller, id);
        Policy.enforce(caller, "delete_security_group", Policy.Target.owned(g.getProjectId()));
        if ("default".equals(g.name) && !caller.admin()) {
            throw NetworkError.DEFAULT_SECURITY_GROUP.exception();
        }
        if (usage.orderedStream().anyMatch(u -> u.inUse(id))) {
            throw NetworkError.SECURITY_GROUP_IN_USE.exception(id);
        }
        jdbc.update("DELETE FROM default_security_groups WHERE security_group_id = ?", id);
        rules.deleteAll(rules.findBySecurityGroupIdIn(List.of(id)));
        // Neutron's remote_group_id foreign key cascades: rules of other groups that name this one go with it
        rules.flush();
        jdbc.update("DELETE FROM security_group_rules WHERE remote_group_id = ?", id);
        groups.delete(g);
        groups.flush();
        rulesChanged(g); // rules naming it as remote group are gone with it
    }

    /** Hosts filtering the group's ports render them again (in the transaction of the change, keyed by group). */
    private void rulesChanged(SecurityGroupEntity g) {
        events.publish(new SecurityGroupRulesChanged(g.getId(), g.getProjectId(), Instant.now()), g.getId(),
                g.getProjectId());
    }

    @Transactional
    ObjectNode createRule(Caller caller, RuleRequest r) {
        SecurityGroupEntity g = visible(caller, r.securityGroupId());
        Policy.enforce(caller, "create_security_group_rule", Policy.Target.owned(g.getProjectId()));
        if (r.remoteGroupId() != null) {
            visible(caller, r.remoteGroupId());
        }
        String project = r.projectId() == null ? g.getProjectId() : Policy.owningProject(caller, r.projectId());
        for (RuleEntity existing : rules.findBySecurityGroupIdIn(List.of(g.getId()))) {
            if (existing.sameAs(r, g.getId())) {
                throw NetworkError.SECURITY_GROUP_RULE_EXISTS.exception(existing.getId());
            }
        }
        quotas.check(project, "security_group_rule", 1);
        RuleEntity rule = rules.saveAndFlush(new RuleEntity(project, g.getId(), r));
        g.touch();
        groups.save(g);
        rulesChanged(g);
        return Json.tree(view(rule));
    }

    @Transactional(readOnly = true)
    List<ObjectNode> listRules(Caller caller) {
        List<RuleEntity> list = caller.admin() ? rules.findAll() : rules.findByProjectId(caller.projectId());
        return list.stream().map(r -> Json.tree(view(r))).toList();
    }

    @Transactional(readOnly = true)
    ObjectNode showRule(Caller caller, String id) {
        return Json.tree(view(visibleRule(caller, id)));
    }

    @Transactional
    void deleteRule(Caller caller, String id) {
        RuleEntity r = visibleRule(caller, id);
        Policy.enforce(caller, "delete_security_group_rule", Policy.Target.owned(r.getProjectId()));
        rules.delete(r);
        groups.findById(r.securityGroupId).ifPresent(g -> {
            g.touch();
            groups.save(g);
            rulesChanged(g);
        });
        rules.flush();
    }

    /** Checks that the caller may use these groups on a port (404 SecurityGroupNotFound otherwise). */
    public void checkUsable(Caller caller, Collection<String> ids, String portProject) {
        for (String id : ids) {
            SecurityGroupEntity g = groups.findById(id)
                    .orElseThrow(() -> NetworkError.SECURITY_GROUP_NOT_FOUND.exception(id));
            if (!caller.admin() && !g.getProjectId().equals(portProject)) {
                throw NetworkError.SECURITY_GROUP_NOT_FOUND.exception(id);
            }
        }
    }

    /** The rules of the given groups, for the data plane. */
    @Transactional(readOnly = true)
    public List<SecurityGroupRule> rulesOf(Collection<String> groupIds) {
        return groupIds.isEmpty() ? List.of()
                : rules.findBySecurityGroupIdIn(groupIds).stream().map(RuleEntity::rule).toList();
    }

    private SecurityGroupEntity visible(Caller caller, String id) {
        SecurityGroupEntity g = groups.findById(id)
                .orElseThrow(() -> NetworkError.SECURITY_GROUP_NOT_FOUND.exception(id));
        if (!Policy.allows(caller, "get_security_group", Policy.Target.owned(g.getProjectId()))) {
            throw NetworkError.SECURITY_GROUP_NOT_FOUND.exception(id);
        }
        return g;
    }

    private RuleEntity visibleRule(Caller caller, String id) {
        RuleEntity r = rules.findById(id).orElseThrow(() -> NetworkError.SECURITY_GROUP_RULE_NOT_FOUND.exception(id));
        if (!Policy.allows(caller, "get_security_group_rule", Policy.Target.owned(r.getProjectId()))) {
            throw NetworkError.SECURITY_GROUP_RULE_NOT_FOUND.exception(id);
        }
        return r;
    }

    private List<ObjectNode> render(List<SecurityGroupEntity> list) {
        Map<String, List<RuleEntity>> byGroup = rules.findBySecurityGroupIdIn(
                list.stream().map(SecurityGroupEntity::getId).toList()).stream()
                .collect(Collectors.groupingBy(r -> r.securityGroupId));
        return list.stream().map(g -> Json.tree(new SecurityGroupViews.Group(g.getId(), g.name, g.getDescription(),
                g.getProjectId(), g.getProjectId(), g.stateful, byGroup.getOrDefault(g.getId(), List.of()).stream()
                .map(SecurityGroupService::view).toList(), g.getTags(), g.createdAtText(), g.updatedAtText(),
                g.getRevisionNumber()))).toList();
    }

    private static SecurityGroupViews.Rule view(RuleEntity r) {
        return new SecurityGroupViews.Rule(r.getId(), r.getProjectId(), r.getProjectId(), r.securityGroupId,
                r.direction, r.ethertype, r.protocol, r.portRangeMin, r.portRangeMax, r.remoteIpPrefix,
                RuleRequest.normalized(r.remoteIpPrefix), r.remoteGroupId, r.getDescription(), r.createdAtText(), r.updatedAtText(), r.getRevisionNumber());
    }

    @Override
    public String collection() {
        return "security-groups";
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> tags(Caller caller, String id) {
        return visible(caller, id).getTags();
    }

    @Override
    @Transactional
    public List<String> replaceTags(Caller caller, String id, Set<String> tags) {
        SecurityGroupEntity g = visible(caller, id);
        Policy.enforce(caller, "update_security_group", Policy.Target.owned(g.getProjectId()));
        g.setTags(tags);
        groups.saveAndFlush(g);
        return g.getTags();
    }
}
