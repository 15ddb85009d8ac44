package io.nubo.identity.group;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.identity.directory.DirectoryViews;
import io.nubo.identity.directory.UserRepository;
import io.nubo.identity.web.Authorization;
import io.nubo.identity.web.IdentityError;
import io.nubo.identity.web.Links;
import io.nubo.identity.web.ReadScope;
import io.nubo.shared.api.Link;
import io.nubo.shared.security.NuboPrincipal;
import io.nubo.shared.validation.ValidatedBody;
import io.nubo.shared.validation.ValidatedQuery;
import java.util.Map;
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

    public GroupController(GroupService groups, GroupRepository repository, UserRepository users) {
        this.groups = groups;
        this.repository = repository;
        this.users = users;
    }

    @GetMapping("/v3/groups")
    @ValidatedQuery("identity/groups-list-query.json")
    public Map<String, Object> list(@RequestParam(required = false) String name,
                                    @RequestParam(value = "domain_id", required = false) String domainId) {
        ReadScope scope = Authorization.requireReader();
        return Map.of("groups", repository.findAllByOrderByName().stream()
                .filter(g -> scope.covers(g.getDomainId()))
                .filter(g -> name == null || name.equals(g.getName()))
                .filter(g -> domainId == null || domainId.equals(g.getDomainId()))
                .map(Group::of).toList(), "links", Links.ofCurrentRequest());
    }

    @PostMapping("/v3/groups")
    @ValidatedBody("identity/group-create.json")
    public ResponseEntity<Map<String, Object>> create(@RequestBody GroupBody body) {
        NuboPrincipal caller = Authorization.requireAdmin();
        GroupInput in = required(body);
        String domainId = in.domainId() != null ? in.domainId()
                : caller.projectDomainId() != null ? caller.projectDomainId() : "default";
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(Map.of("group", Group.of(groups.create(in.name(), domainId, in.description()))));
    }

    @GetMapping("/v3/groups/{id}")
    public Map<String, Object> show(@PathVariable String id) {
        GroupEntity g = repository.findById(id).orElse(null);
        Authorization.requireReaderOf(g == null ? null : g.getDomainId());
        return Map.of("group", Group.of(groups.get(id)));
    }

    @PatchMapping("/v3/groups/{id}")
    @ValidatedBody("identity/group-update.json")
    public Map<String, Object> update(@PathVariable String id, @RequestBody GroupBody body) {
        Authorization.requireAdmin();
        GroupInput in = required(body);
        return Map.of("group", Group.of(groups.update(id, in.name(), in.description())));
    }

    @DeleteMapping("/v3/groups/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id) {
        Authorization.requireAdmin();
        groups.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/v3/groups/{id}/users")
    public Map<String, Object> members(@PathVariable String id) {
        Authorization.requireAdmin();
        groups.get(id);
        return Map.of("users", users.findAllById(groups.memberIds(id)).stream().map(DirectoryViews::user).toList(),
                "links", Links.ofCurrentRequest());
    }

    @PutMapping("/v3/groups/{id}/users/{userId}")
    public ResponseEntity<Void> addMember(@PathVariable String id, @PathVariable String userId) {
        Authorization.requireAdmin();
        groups.addMember(id, userId);
        return ResponseEntity.noContent().build();
    }

    @RequestMapping(value = "/v3/groups/{id}/users/{userId}", method = RequestMethod.HEAD)
    public ResponseEntity<Void> isMember(@PathVariable String id, @PathVariable String userId) {
        Authorization.requireAdmin();
        if (!groups.isMember(id, userId)) {
            throw IdentityError.NOT_FOUND.exception("user in group", userId);
        }
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/v3/groups/{id}/users/{userId}")
    public ResponseEntity<Void> removeMember(@PathVariable String id, @PathVariable String userId) {
        Authorization.requireAdmin();
        groups.removeMember(id, userId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/v3/users/{userId}/groups")
    public Map<String, Object> groupsOfUser(@PathVariable String userId) {
        Authorization.requireAdminOrSelf(userId);
        return Map.of("groups", groups.groupsOf(userId).stream().map(Group::of).toList(),
                "links", Links.ofCurrentRequest());
    }

    private static GroupInput required(GroupBody body) {
        if (body.group() == null) {
            throw IdentityError.VALIDATION.exception("group", "'group' is a required property");
        }
        return body.group();
    }
}
