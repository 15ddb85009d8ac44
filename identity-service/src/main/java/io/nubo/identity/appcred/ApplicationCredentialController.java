package io.nubo.identity.appcred;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.identity.api.SelfLink;
import io.nubo.identity.directory.RoleRepository;
import io.nubo.identity.directory.UserRepository;
import io.nubo.identity.error.IdentityError;
import io.nubo.identity.api.Links;
import io.nubo.shared.policy.Policy;
import io.nubo.shared.security.NuboPrincipal;
import io.nubo.shared.validation.ValidatedBody;
import io.nubo.shared.security.TokenClaims;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v3/users/{id}/application_credentials} and {@code /v3/users/{id}/access_rules}. A user creates its own,
 * on the project its token is scoped to; it (or an administrator) lists, shows and deletes them.
 */
@RestController
public class ApplicationCredentialController {

    public record RoleView(String id, String name, @JsonProperty("domain_id") String domainId) {
    }

    public record AccessRule(String id, String service, String path, String method) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(String id, String name, @JsonProperty("description") String description,
                       @JsonProperty("user_id") String userId, @JsonProperty("project_id") String projectId,
                       List<RoleView> roles, @JsonProperty("expires_at") @JsonInclude(JsonInclude.Include.ALWAYS)
                       String expiresAt, boolean unrestricted,
                       @JsonProperty("access_rules") List<AccessRule> accessRules, String secret,
                       SelfLink links) {
    }

    /** {@code {"application_credential": {...}}} */
    public record CredentialResponse(@JsonProperty("application_credential") View applicationCredential) {
    }

    /** {@code {"application_credentials": [...], "links": {...}}} */
    public record CredentialList(@JsonProperty("application_credentials") List<View> applicationCredentials,
                                 Links links) {
    }

    /** {@code {"access_rule": {...}}} */
    public record AccessRuleResponse(@JsonProperty("access_rule") AccessRule accessRule) {
    }

    /** {@code {"access_rules": [...], "links": {...}}} */
    public record AccessRules(@JsonProperty("access_rules") List<AccessRule> accessRules, Links links) {
    }

    private final ApplicationCredentials credentials;
    private final ApplicationCredentialRepository repository;
    private final AccessRuleRepository rules;
    private final RoleRepository roles;
    private final UserRepository users;

    public ApplicationCredentialController(ApplicationCredentials credentials,
                                           ApplicationCredentialRepository repository, AccessRuleRepository rules,
                                           RoleRepository roles, UserRepository users) {
        this.credentials = credentials;
        this.repository = repository;
        this.rules = rules;
        this.roles = roles;
        this.users = users;
    }

    @PostMapping("/v3/users/{userId}/application_credentials")
    @ValidatedBody("identity/application-credential-create.json")
    @Policy("identity:create_application_credential")
    public ResponseEntity<CredentialResponse> create(NuboPrincipal caller, @PathVariable String userId,
                                                      @RequestBody ApplicationCredentialInput.Body body) {
        if (caller.projectId() == null) {
            throw IdentityError.BAD_REQUEST.exception("An application credential needs a project-scoped token.");
        }
        String viaCredential = caller.applicationCredentialId();
        if (viaCredential != null && !repository.findById(viaCredential)
                .map(ApplicationCredentialEntity::isUnrestricted).orElse(false)) {
            throw IdentityError.FORBIDDEN_ACTION.exception("Using a restricted application credential to create "
                    + "another one is not allowed.");
        }
        ApplicationCredentials.Created c = credentials.create(userId, caller.projectId(), body.required());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new CredentialResponse(view(c.credential(), c.secret())));
    }

    @GetMapping("/v3/users/{userId}/application_credentials")
    @Transactional(readOnly = true)
    @Policy("identity:list_application_credentials")
    public CredentialList list(@PathVariable String userId, @RequestParam(required = false) String name) {
        userExists(userId);
        return new CredentialList(repository.findByUserIdOrderByName(userId).stream()
                .filter(c -> name == null || name.equals(c.getName())).map(c -> view(c, null)).toList(),
                Links.ofCurrentRequest());
    }

    @GetMapping("/v3/users/{userId}/application_credentials/{id}")
    @Transactional(readOnly = true)
    @Policy("identity:get_application_credential")
    public CredentialResponse show(@PathVariable String userId, @PathVariable String id) {
        userExists(userId);
        return new CredentialResponse(view(credentials.get(userId, id), null));
    }

    @DeleteMapping("/v3/users/{userId}/application_credentials/{id}")
    @Policy("identity:delete_application_credential")
    public ResponseEntity<Void> delete(@PathVariable String userId, @PathVariable String id) {
        userExists(userId);
        credentials.delete(userId, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/v3/users/{userId}/access_rules")
    @Transactional(readOnly = true)
    @Policy("identity:list_access_rules")
    public AccessRules accessRules(@PathVariable String userId) {
        userExists(userId);
        return new AccessRules(rules.findByUserIdOrderById(userId).stream().map(this::rule).toList(),
                Links.ofCurrentRequest());
    }

    @GetMapping("/v3/users/{userId}/access_rules/{id}")
    @Transactional(readOnly = true)
    @Policy("identity:get_access_rule")
    public AccessRuleResponse accessRule(@PathVariable String userId, @PathVariable String id) {
        userExists(userId);
        return new AccessRuleResponse(rule(rules.findById(id).filter(r -> r.getUserId().equals(userId))
                .orElseThrow(() -> IdentityError.NOT_FOUND.exception("access rule", id))));
    }

    @DeleteMapping("/v3/users/{userId}/access_rules/{id}")
    @Policy("identity:delete_access_rule")
    public ResponseEntity<Void> deleteAccessRule(@PathVariable String userId, @PathVariable String id) {
        userExists(userId);
        credentials.deleteAccessRule(userId, id);
        return ResponseEntity.noContent().build();
    }

    /** The user must exist (the handler's policy has let its owner or an administrator through). */
    private void userExists(String userId) {
        if (!users.existsById(userId)) {
            throw IdentityError.NOT_FOUND.exception("user", userId);
        }
    }


    private AccessRule rule(AccessRuleEntity r) {
        return new AccessRule(r.getId(), r.getService(), r.getPath(), r.getMethod());
    }

    private View view(ApplicationCredentialEntity c, String secret) {
        List<RoleView> roleViews = roles.findByIdIn(c.getRoleIds()).stream()
                .map(r -> new RoleView(r.getId(), r.getName(), r.getDomainId())).toList();
        List<AccessRule> accessRules = rules.findByIdIn(c.getAccessRuleIds()).stream().map(this::rule).toList();
        return new View(c.getId(), c.getName(), c.getDescription(), c.getUserId(), c.getProjectId(), roleViews,
                ApplicationCredentialInput.formatTime(c.getExpiresAt()), c.isUnrestricted(), accessRules, secret,
                SelfLink.to("/v3/users/" + c.getUserId() + "/application_credentials/" + c.getId()));
    }
}
