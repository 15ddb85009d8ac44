package io.nubo.identity.trust;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.identity.api.SelfLink;
import io.nubo.identity.directory.DirectoryViews;
import io.nubo.identity.directory.RoleEntity;
import io.nubo.identity.directory.RoleRepository;
import io.nubo.identity.token.TokenRenderer;
import io.nubo.identity.error.IdentityError;
import io.nubo.identity.api.Links;
import io.nubo.shared.api.Link;
import io.nubo.shared.policy.Policy;
import io.nubo.shared.policy.PolicyEnforcer;
import io.nubo.shared.security.NuboPrincipal;
import io.nubo.shared.validation.ValidatedBody;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v3/OS-TRUST/trusts}: create, list, show and delete trusts, and the roles they delegate. */
@RestController
@RequestMapping("/v3/OS-TRUST/trusts")
public class TrustController {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Trust(String id, @JsonProperty("trustor_user_id") String trustorUserId,
                        @JsonProperty("trustee_user_id") String trusteeUserId,
                        @JsonProperty("project_id") String projectId, boolean impersonation,
                        @JsonProperty("expires_at") String expiresAt,
                        @JsonProperty("remaining_uses") Integer remainingUses,
                        @JsonProperty("allow_redelegation") boolean allowRedelegation,
                        @JsonProperty("redelegation_count") int redelegationCount,
                        List<DirectoryViews.Role> roles, @JsonProperty("roles_links") Links rolesLinks,
                        SelfLink links) {
    }

    /** The root wrappers: {@code {"trust": ...}}, {@code {"trusts": [...], "links": ...}}, and the roles'. */
    public record TrustBody(Trust trust) {
    }

    public record TrustList(List<Trust> trusts, Links links) {
    }

    public record TrustRoles(List<DirectoryViews.Role> roles, Links links) {
    }

    public record TrustRole(DirectoryViews.Role role) {
    }

    private final Trusts trusts;
    private final TrustRepository repository;
    private final RoleRepository roles;

    private final PolicyEnforcer policy;

    public TrustController(Trusts trusts, TrustRepository repository, RoleRepository roles, PolicyEnforcer policy) {
        this.trusts = trusts;
        this.policy = policy;
        this.repository = repository;
        this.roles = roles;
    }

    @PostMapping
    @ValidatedBody("identity/trust-create.json")
    @Policy("identity:create_trust")
    public ResponseEntity<TrustBody> create(NuboPrincipal caller, @RequestBody TrustInput.Body body) {
        TrustEntity t = trusts.create(caller.userId(), body.required());
        return ResponseEntity.status(HttpStatus.CREATED).body(new TrustBody(view(t)));
    }

    /** Tempest's trusts client asks for {@code /v3/OS-TRUST/trusts/} with the slash. */
    @GetMapping({"", "/"})
    @Transactional(readOnly = true)
    public TrustList list(NuboPrincipal caller,
                                    @RequestParam(value = "trustor_user_id", required = false) String trustor,
                                    @RequestParam(value = "trustee_user_id", required = false) String trustee) {
        // the target comes from the query, so this handler asks the enforcer itself
        Map<String, String> target = new HashMap<>();
        if (trustor != null) {
            target.put("trustor_user_id", trustor);
        }
        if (trustee != null) {
            target.put("trustee_user_id", trustee);
        }
        policy.enforce("identity:list_trusts", caller, target);
        java.time.Instant now = java.time.Instant.now();
        return new TrustList(repository.findAll().stream().filter(t -> !t.expired(now))
                .filter(t -> trustor == null || trustor.equals(t.getTrustorUserId()))
                .filter(t -> trustee == null || trustee.equals(t.getTrusteeUserId())).map(this::view).toList(),
                Links.ofCurrentRequest());
    }

    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    @Policy("identity:get_trust")
    public TrustBody show(NuboPrincipal caller, @PathVariable String id) {
        return new TrustBody(view(trusts.visible(id, caller.userId(), caller.isAdmin())));
    }

    @DeleteMapping("/{id}")
    @Policy("identity:delete_trust")
    public ResponseEntity<Void> delete(NuboPrincipal caller, @PathVariable String id) {
        trusts.delete(id, caller.userId(), caller.isAdmin());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/roles")
    @Transactional(readOnly = true)
    @Policy("identity:list_roles_for_trust")
    public TrustRoles roles(NuboPrincipal caller, @PathVariable String id) {
        return new TrustRoles(rolesOf(trusts.visible(id, caller.userId(), caller.isAdmin())),
                Links.ofCurrentRequest());
    }

    @RequestMapping(value = "/{id}/roles/{roleId}", method = {RequestMethod.GET, RequestMethod.HEAD})
    @Transactional(readOnly = true)
    @Policy("identity:get_role_for_trust")
    public ResponseEntity<TrustRole> role(NuboPrincipal caller, @PathVariable String id,
                                                    @PathVariable String roleId) {
        TrustEntity t = trusts.visible(id, caller.userId(), caller.isAdmin());
        if (!t.getRoleIds().contains(roleId)) {
            throw IdentityError.NOT_FOUND.exception("role", roleId);
        }
        return ResponseEntity.ok(new TrustRole(rolesOf(t).stream().filter(r -> r.id().equals(roleId)).findFirst()
                .orElseThrow(() -> IdentityError.NOT_FOUND.exception("role", roleId))));
    }

    private List<DirectoryViews.Role> rolesOf(TrustEntity t) {
        return roles.findByIdIn(t.getRoleIds()).stream().map(DirectoryViews::role).toList();
    }

    private Trust view(TrustEntity t) {
        String self = "/v3/OS-TRUST/trusts/" + t.getId();
        return new Trust(t.getId(), t.getTrustorUserId(), t.getTrusteeUserId(), t.getProjectId(),
                t.isImpersonation(), t.getExpiresAt() == null ? null : TokenRenderer.time(t.getExpiresAt()),
                t.getRemainingUses(), t.isAllowRedelegation(), 0, rolesOf(t),
                new Links(Link.href(self + "/roles"), null, null), SelfLink.to(self));
    }

}
