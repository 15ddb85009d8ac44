package io.nubo.identity.group;

import io.nubo.identity.assignment.RoleAssignments;
import io.nubo.identity.directory.DirectoryLookup;
import io.nubo.identity.directory.DomainDeleted;
import io.nubo.identity.token.RevocationStore;
import io.nubo.identity.error.IdentityError;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Groups and their members. Leaving a group, or its deletion, revokes the members' tokens (their roles shrink). */
@Service
public class GroupService {

    private final GroupRepository groups;
    private final GroupMemberRepository members;
    private final DirectoryLookup directory;
    private final RoleAssignments assignments;
    private final RevocationStore revocations;

    public GroupService(GroupRepository groups, GroupMemberRepository members, DirectoryLookup directory,
                        RoleAssignments assignments, RevocationStore revocations) {
        this.groups = groups;
        this.members = members;
        this.directory = directory;
        this.assignments = assignments;
        this.revocations = revocations;
    }

    @Transactional
    public GroupEntity create(String name, String domainId, String description) {
        if (name == null || name.isBlank() || name.length() > 255) {
            throw IdentityError.VALIDATION.exception("name", "a name of 1 to 255 characters is required");
        }
        if (!directory.domainExists(domainId)) {
            throw IdentityError.NOT_FOUND.exception("domain", domainId);
        }
        if (groups.findByDomainIdAndName(domainId, name).isPresent()) {
            throw IdentityError.CONFLICT.exception("group", name, " at domain ID " + domainId);
        }
        return groups.save(new GroupEntity(UUID.randomUUID().toString().replace("-", ""), name, domainId,
                description == null ? "" : description));
    }

    @Transactional(readOnly = true)
    public boolean exists(String id) {
        return groups.existsById(id);
    }

    @Transactional(readOnly = true)
    public GroupEntity get(String id) {
        return groups.findById(id).orElseThrow(() -> IdentityError.NOT_FOUND.exception("group", id));
    }

    @Transactional
    public GroupEntity update(String id, String name, String description) {
        GroupEntity g = get(id);
        if (name != null && !name.equals(g.getName())) {
            if (name.isBlank() || groups.findByDomainIdAndName(g.getDomainId(), name).isPresent()) {
                throw IdentityError.CONFLICT.exception("group", name, " at domain ID " + g.getDomainId());
            }
            g.rename(name);
        }
        if (description != null) {
            g.describe(description);
        }
        return g;
    }

    @Transactional
    public void delete(String id) {
        GroupEntity g = get(id);
        List<String> memberIds = memberIds(id);
        assignments.forgetGroup(id);
        groups.delete(g);
        memberIds.forEach(revocations::revokeUser);
    }

    /**
     * A deleted domain's groups go with it, before the domain row (published by directory, in its transaction; the
     * tokens were revoked when the domain was disabled).
     */
    @EventListener
    public void onDomainDeleted(DomainDeleted e) {
        for (GroupEntity g : groups.findByDomainId(e.domainId())) {
            assignments.forgetGroup(g.getId());
            groups.delete(g);
        }
    }

    @Transactional
    public void addMember(String groupId, String userId) {
        checkBoth(groupId, userId);
        if (!members.existsById(new GroupMemberEntity.Key(groupId, userId))) {
            members.save(new GroupMemberEntity(groupId, userId));
        }
    }

    @Transactional(readOnly = true)
    public boolean isMember(String groupId, String userId) {
        checkBoth(groupId, userId);
        return members.existsById(new GroupMemberEntity.Key(groupId, userId));
    }

    @Transactional
    public void removeMember(String groupId, String userId) {
        checkBoth(groupId, userId);
        GroupMemberEntity.Key key = new GroupMemberEntity.Key(groupId, userId);
        if (!members.existsById(key)) {
            throw IdentityError.NOT_FOUND.exception("user in group", userId);
        }
        members.deleteById(key);
        revocations.revokeUser(userId);
    }

    @Transactional(readOnly = true)
    public List<String> memberIds(String groupId) {
        return members.findByGroupId(groupId).stream().map(GroupMemberEntity::getUserId).toList();
    }

    @Transactional(readOnly = true)
    public List<GroupEntity> groupsOf(String userId) {
        if (!directory.userExists(userId)) {
            throw IdentityError.NOT_FOUND.exception("user", userId);
        }
        return groups.findByIdInOrderByName(members.findByUserId(userId).stream()
                .map(GroupMemberEntity::getGroupId).toList());
    }

    private void checkBoth(String groupId, String userId) {
        get(groupId);
        if (!directory.userExists(userId)) {
            throw IdentityError.NOT_FOUND.exception("user", userId);
        }
    }

}
