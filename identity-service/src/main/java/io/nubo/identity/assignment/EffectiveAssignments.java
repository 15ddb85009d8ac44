package io.nubo.identity.assignment;

import io.nubo.identity.directory.DirectoryLookup;
import io.nubo.identity.group.GroupMemberEntity;
import io.nubo.identity.group.GroupMemberRepository;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keystone's effective role assignments, computed from the stored grants in three steps: group grants become
 * grants to each member; grants inherited to projects (OS-INHERIT) become grants on each project below their
 * target; every role brings the roles it implies, transitively. Domain-specific roles are then left out: they only
 * carry the roles they imply (Keystone's rule, so they never appear in a token).
 */
@Service
public class EffectiveAssignments {

    private final RoleAssignmentRepository grants;
    private final GroupMemberRepository members;
    private final DirectoryLookup directory;
    private final ImpliedRoleRepository implied;

    public EffectiveAssignments(RoleAssignmentRepository grants, GroupMemberRepository members,
                                DirectoryLookup directory, ImpliedRoleRepository implied) {
        this.grants = grants;
        this.members = members;
        this.directory = directory;
        this.implied = implied;
    }

    /** The stored grants of one user: its own and those of its groups. */
    @Transactional(readOnly = true)
    public List<Assignment> grantsReaching(String userId) {
        List<Assignment> out = new ArrayList<>();
        grants.findByActorTypeAndActorId(RoleAssignmentEntity.USER, userId).forEach(g -> out.add(Assignment.of(g)));
        Set<String> groups = members.findByUserId(userId).stream().map(GroupMemberEntity::getGroupId)
                .collect(Collectors.toSet());
        if (!groups.isEmpty()) {
            grants.findByActorTypeAndActorIdIn(RoleAssignmentEntity.GROUP, groups).forEach(g -> out.add(Assignment.of(g)));
        }
        return out;
    }

    /** Every stored grant. */
    @Transactional(readOnly = true)
    public List<Assignment> allGrants() {
        return grants.findAll().stream().map(Assignment::of).toList();
    }

    /**
     * The effective view of some stored grants. When {@code onlyUserId} is set, group grants expand to that user
     * only (the caller passed {@link #grantsReaching}); otherwise to every member.
     */
    @Transactional(readOnly = true)
    public List<Assignment> effective(Collection<Assignment> stored, String onlyUserId) {
        List<Assignment> users = new ArrayList<>();
        Map<String, List<String>> membersByGroup = new HashMap<>();
        for (Assignment a : stored) {
            if (a.isUser()) {
                users.add(a);
            } else if (onlyUserId != null) {
                users.add(a.forUser(onlyUserId, a.actorId()));
            } else {
                for (String member : membersByGroup.computeIfAbsent(a.actorId(), this::membersOf)) {
                    users.add(a.forUser(member, a.actorId()));
                }
            }
        }
        List<Assignment> placed = new ArrayList<>();
        for (Assignment a : users) {
            if (!a.inherited()) {
                placed.add(a);
            } else if (RoleAssignmentEntity.DOMAIN.equals(a.targetType())) {
                directory.projectsIn(a.targetId()).forEach(p -> placed.add(a.onProject(p)));
            } else if (RoleAssignmentEntity.PROJECT.equals(a.targetType())) {
                subtreeBelow(a.targetId()).forEach(p -> placed.add(a.onProject(p)));
            }
        }
        return withImpliedRoles(placed);
    }

    /** The roles a user effectively holds on one target, by id. */
    @Transactional(readOnly = true)
    public Set<String> roleIdsOf(String userId, String targetType, String targetId) {
        return effective(grantsReaching(userId), userId).stream()
                .filter(a -> a.targetType().equals(targetType) && a.targetId().equals(targetId))
                .map(Assignment::roleId).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The ids of the projects strictly below a project, at any depth. */
    @Transactional(readOnly = true)
    public List<String> subtreeBelow(String projectId) {
        List<String> out = new ArrayList<>();
        Deque<String> todo = new ArrayDeque<>(List.of(projectId));
        Set<String> seen = new HashSet<>(todo);
        while (!todo.isEmpty()) {
            for (String child : directory.childrenOf(todo.pop())) {
                if (seen.add(child)) {
                    out.add(child);
                    todo.add(child);
                }
            }
        }
        return out;
    }

    private List<String> membersOf(String groupId) {
        return members.findByGroupId(groupId).stream().map(GroupMemberEntity::getUserId).toList();
    }

    private List<Assignment> withImpliedRoles(List<Assignment> placed) {
        Map<String, List<String>> rules = new HashMap<>();
        implied.findAll().forEach(r -> rules.computeIfAbsent(r.getPriorRoleId(), k -> new ArrayList<>())
                .add(r.getImpliedRoleId()));
        List<Assignment> out = new ArrayList<>();
        for (Assignment a : placed) {
            out.add(a);
            Deque<Assignment> todo = new ArrayDeque<>(List.of(a));
            Set<String> seen = new HashSet<>(Set.of(a.roleId()));
            while (!todo.isEmpty()) {
                Assignment prior = todo.pop();
                for (String next : rules.getOrDefault(prior.roleId(), List.of())) {
                    if (seen.add(next)) {
                        Assignment derived = prior.implying(next);
                        out.add(derived);
                        todo.add(derived);
                    }
                }
            }
        }
        Set<String> domainRoles = directory.domainSpecificRoles(out.stream().map(Assignment::roleId)
                .collect(Collectors.toSet()));
        return out.stream().filter(a -> !domainRoles.contains(a.roleId())).distinct().toList();
    }
}
