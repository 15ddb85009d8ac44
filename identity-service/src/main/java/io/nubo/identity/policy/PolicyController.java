package io.nubo.identity.policy;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.nubo.identity.api.SelfLink;
import io.nubo.identity.directory.ExtraAttributes;
import io.nubo.identity.error.IdentityError;
import io.nubo.identity.api.Links;
import io.nubo.shared.validation.ValidatedBody;
import io.nubo.shared.policy.Policy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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

/**
 * {@code /v3/policies}: Keystone's policy store, blobs of a given type kept and served for other services. As in
 * Keystone, identity does not enforce them (its own rules are in {@code access.IdentityPolicies}).
 */
@RestController
public class PolicyController {

    private static final Set<String> OWN = Set.of("id", "type", "blob", "links");

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PolicyInput(String type, String blob, @JsonAnySetter Map<String, Object> extra) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PolicyBody(PolicyInput policy) {
        PolicyInput required() {
            if (policy == null) {
                throw IdentityError.VALIDATION.exception("policy", "'policy' is a required property");
            }
            return policy;
        }
    }

    public record StoredPolicy(String id, String type, String blob, SelfLink links,
                         @JsonAnyGetter Map<String, Object> extra) {
        static StoredPolicy of(PolicyEntity p) {
            return new StoredPolicy(p.getId(), p.getType(), p.getBlob(), SelfLink.to("/v3/policies/" + p.getId()),
                    p.getExtra());
        }
    }

    /** {@code {"policy": {...}}} */
    public record PolicyResponse(StoredPolicy policy) {
    }

    /** {@code {"policies": [...], "links": {...}}} */
    public record Policies(List<StoredPolicy> policies, Links links) {
    }

    private final PolicyRepository policies;

    public PolicyController(PolicyRepository policies) {
        this.policies = policies;
    }

    @PostMapping("/v3/policies")
    @ValidatedBody("identity/policy-create.json")
    @Transactional
    @Policy("identity:create_policy")
    public ResponseEntity<PolicyResponse> create(@RequestBody PolicyBody body) {
        PolicyInput in = body.required();
        if (in.type() == null || in.type().isBlank() || in.blob() == null) {
            throw IdentityError.VALIDATION.exception("policy", "'type' and 'blob' are required");
        }
        PolicyEntity p = policies.save(new PolicyEntity(UUID.randomUUID().toString().replace("-", ""), in.type(),
                in.blob(), ExtraAttributes.merged(Map.of(), in.extra(), OWN)));
        return ResponseEntity.status(HttpStatus.CREATED).body(new PolicyResponse(StoredPolicy.of(p)));
    }

    @GetMapping("/v3/policies")
    @Transactional(readOnly = true)
    @Policy("identity:list_policies")
    public Policies list(@RequestParam(required = false) String type) {
        return new Policies(policies.findAll().stream().filter(p -> type == null || type.equals(p.getType()))
                .map(StoredPolicy::of).toList(), Links.ofCurrentRequest());
    }

    @GetMapping("/v3/policies/{id}")
    @Transactional(readOnly = true)
    @Policy("identity:get_policy")
    public PolicyResponse show(@PathVariable String id) {
        return new PolicyResponse(StoredPolicy.of(get(id)));
    }

    @PatchMapping("/v3/policies/{id}")
    @ValidatedBody("identity/policy-update.json")
    @Transactional
    @Policy("identity:update_policy")
    public PolicyResponse update(@PathVariable String id, @RequestBody PolicyBody body) {
        PolicyInput in = body.required();
        PolicyEntity p = get(id);
        if (in.type() != null && in.type().isBlank()) {
            throw IdentityError.VALIDATION.exception("type", "cannot be empty");
        }
        p.update(in.type(), in.blob(), ExtraAttributes.merged(p.getExtra(), in.extra(), OWN));
        return new PolicyResponse(StoredPolicy.of(p));
    }

    @DeleteMapping("/v3/policies/{id}")
    @Transactional
    @Policy("identity:delete_policy")
    public ResponseEntity<Void> delete(@PathVariable String id) {
        policies.delete(get(id));
        return ResponseEntity.noContent().build();
    }

    private PolicyEntity get(String id) {
        return policies.findById(id).orElseThrow(() -> IdentityError.NOT_FOUND.exception("policy", id));
    }
}
