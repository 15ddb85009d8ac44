package io.nubo.identity.group;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.identity.access.IdentityAccess;
import io.nubo.identity.access.ReadScope;
import io.nubo.identity.directory.DirectoryViews;
import io.nubo.identity.directory.UserRepository;
import io.nubo.identity.error.IdentityError;
import io.nubo.identity.api.Links;
import io.nubo.shared.api.Link;
import io.nubo.shared.policy.Policy;
import io.nubo.shared.security.NuboPrincipal;
import io.nubo.shared.validation.ValidatedBody;
import io.nubo.shared.validation.ValidatedQuery;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v3/groups}, group membership, and {@code /v3/users/{id}/groups}. */
@RestController
public class GroupController {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GroupInput(String name, @JsonProperty("domain_id") String domainId, String description) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GroupBody(GroupInput group) {
    }

    /** Root wrappers of the responses: {@code {"group": {...}}} and {@code {"groups": [...], "links": {...}}}. */
    public record GroupResponse(Group group) {
    }

    public record Groups(List<Group> groups, Links links) {
    }

    public record SelfLink(String self) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Group(String id, String name, @JsonProperty("domain_id") String domainId, String description,
                        SelfLink links) {
        static Group of(GroupEntity g) {
            return new Group(g.getId(), g.getName(), g.getDomainId(), g.getDescription(),
                    new SelfLink(Link.href("/v3/groups/" + g.getId())));
        }
    }

    private final GroupService groups;
    private final GroupRepository repository;
    private final UserRepository users;
    private final IdentityAccess access;

    public GroupController(GroupService groups, GroupRepository repository, UserRepository users,
                           IdentityAccess access) {
        this.access = access;
        this.groups = groups;
        this.repository = repository;
        this.users = users;
    }

    @GetMapping("/v3/groups")
    @ValidatedQuery("identity/groups-list-query.json")
    public Groups list(NuboPrincipal caller, @RequestParam(required = false) String name,
                                    @RequestParam(value = "domain_id", required = false) String domainId) {
        ReadScope scope = access.readScope("identity:list_groups", caller);
        return new Groups(repository.findAllByOrderByName().stream()
                .filter(g -> scope.covers(g.getDomainId()))
                .filter(g -> name == null || name.equals(g.getName()))
                .filter(g -> domainId == null || domainId.equals(g.getDomainId()))
                .map(Group::of).toList(), Links.ofCurrentRequest());
    }

    @PostMapping("/v3/groups")
    @ValidatedBody("identity/group-create.json")
    @Policy("identity:create_group")
    public ResponseEntity<GroupResponse> create(NuboPrincipal caller, @RequestBody GroupBody body) {
        GroupInput in = required(body);
        String domainId = in.domainId() != null ? in.domainId()
                : caller.projectDomainId() != null ? caller.projectDomainId() : "default";
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new GroupResponse(Group.of(groups.create(in.name(), domainId, in.description()))));
    }

    @GetMapping("/v3/groups/{id}")
    public GroupResponse show(NuboPrincipal caller, @PathVariable String id) {
        GroupEntity g = repository.findById(id).orElse(null);
        access.enforce("identity:get_group", caller, "domain_id", g == null ? null : g.getDomainId());
        return new GroupResponse(Group.of(groups.get(id)));
    }

    @PatchMapping("/v3/groups/{id}")
    @ValidatedBody("identity/group-update.json")
    @Policy("identity:update_group")
    public GroupResponse update(@PathVariable String id, @RequestBody GroupBody body) {
        GroupInput in = required(body);
        return new GroupResponse(Group.of(groups.update(id, in.name(), in.description())));
    }

    @DeleteMapping("/v3/groups/{id}")
    @Policy("identity:delete_group")
    public ResponseEntity<Void> delete(@PathVariable String id) {
        groups.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/v3/groups/{id}/users")
    @Policy("identity:list_users_in_group")
    public DirectoryViews.Users members(@PathVariable String id) {
        groups.get(id);
        return new DirectoryViews.Users(users.findAllById(groups.memberIds(id)).stream().map(DirectoryViews::user)
                .toList(), Links.ofCurrentRequest());
    }

    @PutMapping("/v3/groups/{id}/users/{userId}")
    @Policy("identity:add_user_to_group")
    public ResponseEntity<Void> addMember(@PathVariable String id, @PathVariable String userId) {
        groups.addMember(id, userId);
        return ResponseEntity.noContent().build();
    }

    @RequestMapping(value = "/v3/groups/{id}/users/{userId}", method = RequestMethod.HEAD)
    @Policy("identity:check_user_in_group")
    public ResponseEntity<Void> isMember(@PathVariable String id, @PathVariable String userId) {
        if (!groups.isMember(id, userId)) {
            throw IdentityError.NOT_FOUND.exception("user in group", userId);
        }
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/v3/groups/{id}/users/{userId}")
    @Policy("identity:remove_user_from_group")
    public ResponseEntity<Void> removeMember(@PathVariable String id, @PathVariable String userId) {
        groups.removeMember(id, userId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/v3/users/{userId}/groups")
    @Policy("identity:list_groups_for_user")
    public Groups groupsOfUser(@PathVariable String userId) {
        return new Groups(groups.groupsOf(userId).stream().map(Group::of).toList(), Links.ofCurrentRequest());
    }

    private static GroupInput required(GroupBody body) {
        if (body.group() == null) {
            throw IdentityError.VALIDATION.exception("group", "'group' is a required property");
        }
        return body.group();
    }
}
