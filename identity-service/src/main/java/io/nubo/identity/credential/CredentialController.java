package io.nubo.identity.credential;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.identity.api.SelfLink;
import io.nubo.identity.error.IdentityError;
import io.nubo.identity.api.Links;
import io.nubo.shared.policy.Policy;
import io.nubo.shared.policy.PolicyEnforcer;
import io.nubo.shared.security.NuboPrincipal;
import io.nubo.shared.validation.ValidatedBody;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v3/credentials}: an administrator manages any; a user its own (Keystone's default policy). */
@RestController
public class CredentialController {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CredentialInput(@JsonProperty("user_id") String userId, @JsonProperty("project_id") String projectId,
                                  String type, String blob) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CredentialBody(CredentialInput credential) {
        CredentialInput required() {
            if (credential == null) {
                throw IdentityError.VALIDATION.exception("credential", "'credential' is a required property");
            }
            return credential;
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Credential(String id, @JsonProperty("user_id") String userId,
                             @JsonProperty("project_id") String projectId, String type, String blob,
                             SelfLink links) {
        static Credential of(CredentialEntity c) {
            return new Credential(c.getId(), c.getUserId(), c.getProjectId(), c.getType(), c.getBlob(),
                    SelfLink.to("/v3/credentials/" + c.getId()));
        }
    }

    /** {@code {"credential": {...}}} */
    public record CredentialResponse(Credential credential) {
    }

    /** {@code {"credentials": [...], "links": {...}}} */
    public record CredentialList(List<Credential> credentials, Links links) {
    }

    private final Credentials credentials;
    private final CredentialRepository repository;
    private final PolicyEnforcer policy;

    public CredentialController(Credentials credentials, CredentialRepository repository, PolicyEnforcer policy) {
        this.policy = policy;
        this.credentials = credentials;
        this.repository = repository;
    }

    @PostMapping("/v3/credentials")
    @ValidatedBody("identity/credential-create.json")
    public ResponseEntity<CredentialResponse> create(NuboPrincipal caller, @RequestBody CredentialBody body) {
        CredentialInput in = body.required();
        policy.enforce("identity:create_credential", caller, PolicyEnforcer.target("user_id", in.userId()));
        CredentialEntity c = credentials.create(in.userId(), in.projectId(), in.type(), in.blob());
        return ResponseEntity.status(HttpStatus.CREATED).body(new CredentialResponse(Credential.of(c)));
    }

    @GetMapping("/v3/credentials")
    @Transactional(readOnly = true)
    @Policy("identity:list_credentials")
    public CredentialList list(NuboPrincipal caller,
                                    @RequestParam(value = "user_id", required = false) String userId,
                                    @RequestParam(required = false) String type) {
        // a non-administrator sees its own credentials only
        String owner = caller.isAdmin() ? userId : caller.userId();
        return new CredentialList((owner == null ? repository.findAllByOrderById()
                : repository.findByUserIdOrderById(owner)).stream()
                .filter(c -> userId == null || userId.equals(c.getUserId()))
                .filter(c -> type == null || type.equals(c.getType())).map(Credential::of).toList(),
                Links.ofCurrentRequest());
    }

    @GetMapping("/v3/credentials/{id}")
    @Policy("identity:get_credential")
    public CredentialResponse show(NuboPrincipal caller, @PathVariable String id) {
        return new CredentialResponse(Credential.of(owned(caller, id)));
    }

    @PatchMapping("/v3/credentials/{id}")
    @ValidatedBody("identity/credential-update.json")
    public CredentialResponse update(NuboPrincipal caller, @PathVariable String id,
                                      @RequestBody CredentialBody body) {
        CredentialInput in = body.required();
        owned(caller, id);
        if (in.userId() != null) {
            policy.enforce("identity:update_credential", caller, PolicyEnforcer.target("user_id", in.userId()));
        }
        return new CredentialResponse(Credential.of(credentials.update(id, in.userId(), in.projectId(), in.type(),
                in.blob())));
    }

    @DeleteMapping("/v3/credentials/{id}")
    @Policy("identity:delete_credential")
    public ResponseEntity<Void> delete(NuboPrincipal caller, @PathVariable String id) {
        owned(caller, id);
        credentials.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** The credential, if the caller is an administrator or its owner; 404 for anyone else, as if it did not exist. */
    private CredentialEntity owned(NuboPrincipal caller, String id) {
        CredentialEntity c = credentials.get(id);
        if (!caller.isAdmin() && !caller.userId().equals(c.getUserId())) {
            throw IdentityError.NOT_FOUND.exception("credential", id);
        }
        return c;
    }
}
