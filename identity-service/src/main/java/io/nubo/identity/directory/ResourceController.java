package io.nubo.identity.directory;

import io.nubo.identity.access.IdentityAccess;
import io.nubo.identity.error.IdentityError;
import io.nubo.shared.policy.Policy;
import io.nubo.shared.security.NuboPrincipal;
import io.nubo.shared.validation.ValidatedBody;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Create, show, update and delete of projects, users and roles (administrators). */
@RestController
public class ResourceController {

    private final DomainService domains;
    private final ProjectService projects;
    private final UserService users;
    private final RoleRepository roles;
    private final ApplicationEventPublisher deletions;
    private final ProjectRepository projectRepository;
    private final DomainRepository domainRepository;
    private final IdentityAccess access;

    public ResourceController(DomainService domains, ProjectService projects, UserService users,
                              RoleRepository roles, ApplicationEventPublisher deletions,
                              ProjectRepository projectRepository, DomainRepository domainRepository,
                              IdentityAccess access) {
        this.access = access;
        this.deletions = deletions;
        this.domainRepository = domainRepository;
        this.projectRepository = projectRepository;
        this.domains = domains;
        this.projects = projects;
        this.users = users;
        this.roles = roles;
    }

    @PostMapping("/v3/domains")
    @ValidatedBody("identity/domain-create.json")
    @Policy("identity:create_domain")
    public ResponseEntity<DirectoryViews.DomainBody> createDomain(@RequestBody DirectoryRequests.DomainBody body) {
        DomainEntity d = domains.create(body.required());
        return ResponseEntity.status(HttpStatus.CREATED).body(new DirectoryViews.DomainBody(DirectoryViews.domain(d)));
    }

    @PatchMapping("/v3/domains/{id}")
    @ValidatedBody("identity/domain-update.json")
    @Policy("identity:update_domain")
    public DirectoryViews.DomainBody updateDomain(@PathVariable String id, @RequestBody DirectoryRequests.DomainBody body) {
        return new DirectoryViews.DomainBody(DirectoryViews.domain(domains.update(id, body.required())));
    }

    @DeleteMapping("/v3/domains/{id}")
    @Policy("identity:delete_domain")
    public ResponseEntity<Void> deleteDomain(@PathVariable String id) {
        domains.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/v3/projects")
    @ValidatedBody("identity/project-create.json")
    @Policy("identity:create_project")
    public ResponseEntity<DirectoryViews.ProjectBody> createProject(NuboPrincipal caller, @RequestBody DirectoryRequests.ProjectBody body) {
        DirectoryRequests.ProjectInput in = body.required();
        if (Boolean.TRUE.equals(in.isDomain())) {
            // a project acting as a domain is a domain (Keystone stores domains that way)
            DomainEntity d = domains.create(new DirectoryRequests.DomainInput(in.name(), in.description(),
                    in.enabled()));
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(new DirectoryViews.ProjectBody(DirectoryViews.projectActingAsDomain(d)));
        }
        ProjectEntity p = projects.create(in, defaultDomain(caller));
        return ResponseEntity.status(HttpStatus.CREATED).body(new DirectoryViews.ProjectBody(DirectoryViews.project(p)));
    }

    @GetMapping("/v3/projects/{id}")
    public DirectoryViews.ProjectBody project(NuboPrincipal caller, @PathVariable String id) {
        if (actingAsDomain(id)) {
            access.enforce("identity:get_project", caller, "domain_id", id);
            return new DirectoryViews.ProjectBody(DirectoryViews.projectActingAsDomain(domains.get(id)));
        }
        // Keystone: a token scoped to the project may read it; else a reader of its domain. Whoever may not read
        // it learns nothing, not even whether it exists.
        ProjectEntity p = projectRepository.findById(id).orElse(null);
        access.enforce("identity:get_project", caller, "id", id, "domain_id", p == null ? null : p.getDomainId());
        if (p == null) {
            throw IdentityError.NOT_FOUND.exception("project", id);
        }
        return new DirectoryViews.ProjectBody(DirectoryViews.project(p));
    }

    @PatchMapping("/v3/projects/{id}")
    @ValidatedBody("identity/project-update.json")
    @Policy("identity:update_project")
    public DirectoryViews.ProjectBody updateProject(@PathVariable String id, @RequestBody DirectoryRequests.ProjectBody body) {
        DirectoryRequests.ProjectInput in = body.required();
        if (actingAsDomain(id)) {
            return new DirectoryViews.ProjectBody(DirectoryViews.projectActingAsDomain(domains.update(id,
                    new DirectoryRequests.DomainInput(in.name(), in.description(), in.enabled()))));
        }
        return new DirectoryViews.ProjectBody(DirectoryViews.project(projects.update(id, in)));
    }

    @DeleteMapping("/v3/projects/{id}")
    @Policy("identity:delete_project")
    public ResponseEntity<Void> deleteProject(@PathVariable String id) {
        if (actingAsDomain(id)) {
            domains.delete(id);
        } else {
            projects.delete(id);
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/v3/users")
    @ValidatedBody("identity/user-create.json")
    @Policy("identity:create_user")
    public ResponseEntity<DirectoryViews.UserBody> createUser(NuboPrincipal caller, @RequestBody DirectoryRequests.UserBody body) {
        UserEntity u = users.create(body.required(), defaultDomain(caller));
        return ResponseEntity.status(HttpStatus.CREATED).body(new DirectoryViews.UserBody(DirectoryViews.user(u)));
    }

    @GetMapping("/v3/users/{id}")
    public DirectoryViews.UserBody user(NuboPrincipal caller, @PathVariable String id) {
        UserEntity u = users.find(id);
        access.enforce("identity:get_user", caller, "id", id, "domain_id", u == null ? null : u.getDomainId());
        if (u == null) {
            throw IdentityError.NOT_FOUND.exception("user", id);
        }
        return new DirectoryViews.UserBody(DirectoryViews.user(u));
    }

    @PostMapping("/v3/users/{id}/password")
    @ValidatedBody("identity/user-password-change.json")
    @Policy("identity:change_password")
    public ResponseEntity<Void> changePassword(@PathVariable String id,
                                               @RequestBody DirectoryRequests.PasswordChangeBody body) {
        users.changePassword(id, body.user());
        return ResponseEntity.noContent().build();
    }

    @PatchMapping("/v3/users/{id}")
    @ValidatedBody("identity/user-update.json")
    @Policy("identity:update_user")
    public DirectoryViews.UserBody updateUser(@PathVariable String id, @RequestBody DirectoryRequests.UserBody body) {
        return new DirectoryViews.UserBody(DirectoryViews.user(users.update(id, body.required())));
    }

    @DeleteMapping("/v3/users/{id}")
    @Policy("identity:delete_user")
    public ResponseEntity<Void> deleteUser(@PathVariable String id) {
        users.delete(id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/v3/roles")
    @ValidatedBody("identity/role-create.json")
    @Transactional
    @Policy("identity:create_role")
    public ResponseEntity<DirectoryViews.RoleBody> createRole(@RequestBody DirectoryRequests.RoleBody body) {
        DirectoryRequests.RoleInput in = body.required();
        String name = DirectoryRequests.validName(in.name(), 255);
        String domain = in.domainId() == null ? RoleEntity.GLOBAL : in.domainId();
        if (in.domainId() != null) {
            domains.get(in.domainId());
        }
        if (roles.findByDomainIdAndName(domain, name).isPresent()) {
            throw IdentityError.CONFLICT.exception("role", name, "");
        }
        RoleEntity r = roles.save(new RoleEntity(UUID.randomUUID().toString().replace("-", ""), name, in.domainId(),
                in.description()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new DirectoryViews.RoleBody(DirectoryViews.role(r)));
    }

    @PatchMapping("/v3/roles/{id}")
    @ValidatedBody("identity/role-update.json")
    @Transactional
    @Policy("identity:update_role")
    public DirectoryViews.RoleBody updateRole(@PathVariable String id, @RequestBody DirectoryRequests.RoleBody body) {
        DirectoryRequests.RoleInput in = body.required();
        RoleEntity r = roles.findById(id).orElseThrow(() -> IdentityError.NOT_FOUND.exception("role", id));
        if (in.name() != null && !in.name().equals(r.getName())) {
            String name = DirectoryRequests.validName(in.name(), 255);
            if (roles.findByDomainIdAndName(r.getDomainId() == null ? RoleEntity.GLOBAL : r.getDomainId(), name)
                    .isPresent()) {
                throw IdentityError.CONFLICT.exception("role", name, "");
            }
            r.rename(name);
        }
        if (in.description() != null) {
            r.describe(in.description());
        }
        return new DirectoryViews.RoleBody(DirectoryViews.role(r));
    }

    @GetMapping("/v3/roles/{id}")
    @Policy("identity:get_role")
    public DirectoryViews.RoleBody role(@PathVariable String id) {
        return new DirectoryViews.RoleBody(DirectoryViews.role(roles.findById(id)
                .orElseThrow(() -> IdentityError.NOT_FOUND.exception("role", id))));
    }

    @DeleteMapping("/v3/roles/{id}")
    @Transactional
    @Policy("identity:delete_role")
    public ResponseEntity<Void> deleteRole(@PathVariable String id) {
        RoleEntity r = roles.findById(id).orElseThrow(() -> IdentityError.NOT_FOUND.exception("role", id));
        deletions.publishEvent(new RoleDeleted(id));
        roles.delete(r);
        return ResponseEntity.noContent().build();
    }

    private boolean actingAsDomain(String id) {
        return !projectRepository.existsById(id) && domainRepository.existsById(id);
    }

    /** Keystone puts new projects and users in the caller's scope domain unless the body names one. */
    private static String defaultDomain(NuboPrincipal caller) {
        if (caller.domainId() != null) {
            return caller.domainId();
        }
        return caller.projectDomainId() != null ? caller.projectDomainId() : "default";
    }

}
