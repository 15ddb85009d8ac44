package io.nubo.identity.token;

import io.nubo.identity.assignment.RoleAssignments;
import io.nubo.identity.catalog.CatalogEntry;
import io.nubo.identity.catalog.ServiceCatalog;
import io.nubo.identity.directory.DirectoryViews;
import io.nubo.identity.directory.DomainEntity;
import io.nubo.identity.directory.DomainRepository;
import io.nubo.identity.directory.ProjectEntity;
import io.nubo.identity.directory.ProjectRepository;
import io.nubo.identity.error.IdentityError;
import io.nubo.identity.api.Links;
import io.nubo.shared.events.TokenRevoked;
import io.nubo.shared.policy.Policy;
import io.nubo.shared.policy.PolicyEnforcer;
import io.nubo.shared.security.NuboPrincipal;
import io.nubo.shared.validation.ValidatedBody;
import io.nubo.shared.security.TokenCheck;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v3/auth/*}: issue, validate, check and revoke tokens; the caller's catalog and projects. */
@RestController
@RequestMapping("/v3/auth")
public class TokenController {

    static final String SUBJECT = "X-Subject-Token";

    private final Authenticator authenticator;
    private final TokenCodec codec;
    private final TokenRenderer renderer;
    private final RevocationStore revocations;
    private final ServiceCatalog catalog;
    private final RoleAssignments assignments;
    private final ProjectRepository projects;
    private final DomainRepository domainRepository;
    private final PolicyEnforcer policy;

    public TokenController(Authenticator authenticator, TokenCodec codec, TokenRenderer renderer,
                           RevocationStore revocations, ServiceCatalog catalog, RoleAssignments assignments,
                           ProjectRepository projects, DomainRepository domainRepository, PolicyEnforcer policy) {
        this.policy = policy;
        this.domainRepository = domainRepository;
        this.authenticator = authenticator;
        this.codec = codec;
        this.renderer = renderer;
        this.revocations = revocations;
        this.catalog = catalog;
        this.assignments = assignments;
        this.projects = projects;
    }

    @PostMapping("/tokens")
    @ValidatedBody("identity/auth-token-create.json")
    public ResponseEntity<TokenBody> issue(@RequestBody AuthRequest request,
                                           @RequestParam(value = "nocatalog", required = false) String nocatalog) {
        TokenFacts facts = authenticator.authenticate(request);
        String token = codec.encode(facts);
        return ResponseEntity.status(HttpStatus.CREATED).header(SUBJECT, token)
                .body(renderer.render(facts, nocatalog == null));
    }

    @GetMapping("/tokens")
    public ResponseEntity<TokenBody> validate(NuboPrincipal caller,
                                              @RequestHeader(value = SUBJECT, required = false) String subject,
                                              @RequestParam(value = "nocatalog", required = false) String nocatalog) {
        TokenFacts facts = subject(caller, subject);
        return ResponseEntity.ok().header(SUBJECT, subject).body(renderer.render(facts, nocatalog == null));
    }

    @RequestMapping(value = "/tokens", method = RequestMethod.HEAD)
    public ResponseEntity<Void> check(NuboPrincipal caller,
                                      @RequestHeader(value = SUBJECT, required = false) String subject) {
        subject(caller, subject);
        return ResponseEntity.ok().header(SUBJECT, subject).build();
    }

    @DeleteMapping("/tokens")
    public ResponseEntity<Void> revoke(NuboPrincipal caller,
                                       @RequestHeader(value = SUBJECT, required = false) String subject) {
        TokenFacts facts = subject(caller, subject);
        revocations.revoke(new TokenRevoked(facts.auditIds().get(0), null, null, null, null, Instant.now(),
                Instant.now()));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/catalog")
    @Policy("identity:get_auth_catalog")
    public AuthCatalog catalog(NuboPrincipal caller) {
        if (caller.projectId() == null && caller.domainId() == null && !caller.system()) {
            throw IdentityError.FORBIDDEN.exception();
        }
        List<CatalogEntry> entries = catalog.forProject(caller.projectId());
        return new AuthCatalog(entries, Links.ofCurrentRequest());
    }

    /** {@code {"catalog": [...], "links": {...}}} */
    public record AuthCatalog(List<CatalogEntry> catalog, Links links) {
    }

    @GetMapping("/projects")
    @Policy("identity:get_auth_projects")
    public DirectoryViews.Projects projects(NuboPrincipal caller) {
        List<ProjectEntity> mine = projects.findByIdInOrderByName(assignments.projectsOf(caller.userId()));
        return new DirectoryViews.Projects(mine.stream().filter(ProjectEntity::isEnabled).map(DirectoryViews::project)
                .toList(), Links.ofCurrentRequest());
    }

    @GetMapping("/domains")
    @Policy("identity:get_auth_domains")
    public DirectoryViews.Domains domains(NuboPrincipal caller) {
        return new DirectoryViews.Domains(domainRepository.findAllById(assignments.domainsOf(caller.userId())).stream()
                .filter(DomainEntity::isEnabled).map(DirectoryViews::domain).toList(), Links.ofCurrentRequest());
    }

    /** The subject token, if valid and the caller may see it (its own token, or an admin). */
    private TokenFacts subject(NuboPrincipal caller, String subject) {
        if (subject == null || subject.isBlank()) {
            throw IdentityError.MISSING_SUBJECT_TOKEN.exception();
        }
        TokenFacts facts = codec.check(subject) instanceof TokenCheck.Verified verified ? codec.facts(verified) : null;
        if (facts == null || revocations.isRevoked(facts)) {
            throw IdentityError.TOKEN_NOT_FOUND.exception("the token is invalid, expired or revoked");
        }
        policy.enforce("identity:validate_token", caller, PolicyEnforcer.target("token.user_id", facts.userId()));
        return facts;
    }
}
