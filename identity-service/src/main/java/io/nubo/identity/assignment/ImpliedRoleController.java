package io.nubo.identity.assignment;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.identity.api.SelfLink;
import io.nubo.identity.directory.RoleEntity;
import io.nubo.identity.directory.RoleRepository;
import io.nubo.identity.error.IdentityError;
import io.nubo.identity.api.Links;
import io.nubo.shared.policy.Policy;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/** Implied roles: {@code /v3/roles/{prior}/implies/{implied}} and {@code /v3/role_inferences}. */
@RestController
public class ImpliedRoleController {

    public record RoleRef(String id, String name, SelfLink links) {
    }

    public record Inference(@JsonProperty("prior_role") RoleRef priorRole, RoleRef implies) {
    }

    public record Inferences(@JsonProperty("prior_role") RoleRef priorRole, List<RoleRef> implies) {
    }

    /** {@code {"role_inference": {...}, "links": {"self": ...}}}: one rule. */
    public record InferenceResponse(@JsonProperty("role_inference") Inference roleInference, SelfLink links) {
    }

    /** {@code {"role_inference": {"prior_role": ..., "implies": [...]}, "links": {...}}}: the rules of one role. */
    public record RoleInferences(@JsonProperty("role_inference") Inferences roleInference, Links links) {
    }

    /** {@code {"role_inferences": [...], "links": {...}}}: every rule. */
    public record AllInferences(@JsonProperty("role_inferences") List<Inferences> roleInferences, Links links) {
    }

    private final ImpliedRoleRepository rules;
    private final RoleRepository roles;

    public ImpliedRoleController(ImpliedRoleRepository rules, RoleRepository roles) {
        this.rules = rules;
        this.roles = roles;
    }

    @PutMapping("/v3/roles/{priorId}/implies/{impliedId}")
    @Transactional
    @Policy("identity:create_implied_role")
    public ResponseEntity<InferenceResponse> create(@PathVariable String priorId, @PathVariable String impliedId) {
        RoleEntity prior = role(priorId);
        RoleEntity implied = role(impliedId);
        if (prior.getDomainId() == null && implied.getDomainId() != null) {
            throw IdentityError.FORBIDDEN_ACTION.exception("Implied role " + impliedId
                    + " is domain-specific and cannot be implied by a global role.");
        }
        if (priorId.equals(impliedId)) {
            throw IdentityError.FORBIDDEN_ACTION.exception("A role cannot imply itself.");
        }
        if (!rules.existsById(new ImpliedRoleEntity.Key(priorId, impliedId))) {
            rules.save(new ImpliedRoleEntity(priorId, impliedId));
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(one(prior, implied));
    }

    @GetMapping("/v3/roles/{priorId}/implies/{impliedId}")
    @Transactional(readOnly = true)
    @Policy("identity:get_implied_role")
    public InferenceResponse show(@PathVariable String priorId, @PathVariable String impliedId) {
        RoleEntity prior = role(priorId);
        RoleEntity implied = role(impliedId);
        requireRule(priorId, impliedId);
        return one(prior, implied);
    }

    @RequestMapping(value = "/v3/roles/{priorId}/implies/{impliedId}", method = RequestMethod.HEAD)
    @Transactional(readOnly = true)
    @Policy("identity:check_implied_role")
    public ResponseEntity<Void> check(@PathVariable String priorId, @PathVariable String impliedId) {
        role(priorId);
        role(impliedId);
        requireRule(priorId, impliedId);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/v3/roles/{priorId}/implies/{impliedId}")
    @Transactional
    @Policy("identity:delete_implied_role")
    public ResponseEntity<Void> delete(@PathVariable String priorId, @PathVariable String impliedId) {
        role(priorId);
        role(impliedId);
        requireRule(priorId, impliedId);
        rules.deleteById(new ImpliedRoleEntity.Key(priorId, impliedId));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/v3/roles/{priorId}/implies")
    @Transactional(readOnly = true)
    @Policy("identity:list_implied_roles")
    public RoleInferences listFor(@PathVariable String priorId) {
        RoleEntity prior = role(priorId);
        return new RoleInferences(inferences(prior, rules.findByPriorRoleId(priorId)), Links.ofCurrentRequest());
    }

    @GetMapping("/v3/role_inferences")
    @Transactional(readOnly = true)
    @Policy("identity:list_role_inference_rules")
    public AllInferences listAll() {
        Map<String, List<ImpliedRoleEntity>> byPrior = new LinkedHashMap<>();
        rules.findAll().stream().sorted(Comparator.comparing(ImpliedRoleEntity::getPriorRoleId))
                .forEach(r -> byPrior.computeIfAbsent(r.getPriorRoleId(), k -> new java.util.ArrayList<>()).add(r));
        List<Inferences> out = byPrior.entrySet().stream()
                .map(e -> inferences(role(e.getKey()), e.getValue())).toList();
        return new AllInferences(out, Links.ofCurrentRequest());
    }

    private Inferences inferences(RoleEntity prior, List<ImpliedRoleEntity> implied) {
        return new Inferences(ref(prior), roles.findByIdIn(implied.stream().map(ImpliedRoleEntity::getImpliedRoleId)
                .toList()).stream().sorted(Comparator.comparing(RoleEntity::getName)).map(this::ref).toList());
    }

    private InferenceResponse one(RoleEntity prior, RoleEntity implied) {
        return new InferenceResponse(new Inference(ref(prior), ref(implied)),
                SelfLink.to("/v3/roles/" + prior.getId() + "/implies/" + implied.getId()));
    }

    private RoleRef ref(RoleEntity r) {
        return new RoleRef(r.getId(), r.getName(), SelfLink.to("/v3/roles/" + r.getId()));
    }

    private void requireRule(String priorId, String impliedId) {
        if (!rules.existsById(new ImpliedRoleEntity.Key(priorId, impliedId))) {
            throw IdentityError.NOT_FOUND.exception("implied role", priorId + " implies " + impliedId);
        }
    }

    private RoleEntity role(String id) {
        return roles.findById(id).orElseThrow(() -> IdentityError.NOT_FOUND.exception("role", id));
    }
}
