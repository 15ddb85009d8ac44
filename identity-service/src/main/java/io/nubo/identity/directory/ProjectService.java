package io.nubo.identity.directory;

import io.nubo.identity.events.IdentityEvents;
import io.nubo.identity.token.RevocationStore;
import io.nubo.identity.error.IdentityError;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, changes and deletes projects; disabling or deleting one revokes the tokens scoped to it. */
@Service
public class ProjectService {

    private final ProjectRepository projects;
    private final DomainRepository domains;
    private final ApplicationEventPublisher deletions;
    private final RevocationStore revocations;
    private final IdentityEvents events;

    public ProjectService(ProjectRepository projects, DomainRepository domains, ApplicationEventPublisher deletions,
                          RevocationStore revocations, IdentityEvents events) {
        this.events = events;
        this.projects = projects;
        this.domains = domains;
        this.deletions = deletions;
        this.revocations = revocations;
    }

    @Transactional
    public ProjectEntity create(DirectoryRequests.ProjectInput in, String defaultDomainId) {
        String name = DirectoryRequests.validName(in.name(), 64);
        String domainId = in.domainId() != null ? in.domainId() : defaultDomainId;
        if (!domains.existsById(domainId)) {
            throw IdentityError.NOT_FOUND.exception("domain", domainId);
        }
        if (in.parentId() != null && !in.parentId().equals(domainId)) {
            ProjectEntity parent = projects.findById(in.parentId())
                    .orElseThrow(() -> IdentityError.NOT_FOUND.exception("project", in.parentId()));
            if (!parent.getDomainId().equals(domainId)) {
                throw IdentityError.VALIDATION.exception("parent_id", "the parent must be in the same domain");
            }
        }
        if (projects.findByDomainIdAndName(domainId, name).isPresent()) {
            throw IdentityError.CONFLICT.exception("project", name, " at domain ID " + domainId);
        }
        String parentId = in.parentId() != null && !in.parentId().equals(domainId) ? in.parentId() : null;
        ProjectEntity p = new ProjectEntity(UUID.randomUUID().toString().replace("-", ""), name, domainId, parentId,
                in.description(), in.enabled() == null || in.enabled());
        p.setExtra(ExtraAttributes.merged(null, in.extra(), DirectoryRequests.ProjectInput.RESERVED));
        if (in.tags() != null) {
            p.getTags().addAll(ProjectTags.valid(in.tags()));
        }
        projects.save(p);
        events.projectCreated(p.getId(), domainId, parentId, name);
        return p;
    }

    @Transactional(readOnly = true)
    public ProjectEntity get(String id) {
        return projects.findById(id).orElseThrow(() -> IdentityError.NOT_FOUND.exception("project", id));
    }

    @Transactional
    public ProjectEntity update(String id, DirectoryRequests.ProjectInput in) {
        ProjectEntity p = get(id);
        if (in.name() != null && !in.name().equals(p.getName())) {
            String name = DirectoryRequests.validName(in.name(), 64);
            if (projects.findByDomainIdAndName(p.getDomainId(), name).isPresent()) {
                throw IdentityError.CONFLICT.exception("project", name, " at domain ID " + p.getDomainId());
            }
            p.rename(name);
        }
        if (in.domainId() != null && !in.domainId().equals(p.getDomainId())) {
            throw IdentityError.VALIDATION.exception("domain_id", "a project cannot move to another domain");
        }
        // Keystone's update_project: the parent and the domain role are fixed at creation
        if (in.parentId() != null && !in.parentId().equals(p.getParentId())) {
            throw IdentityError.FORBIDDEN_ACTION.exception("Update of `parent_id` is not allowed.");
        }
        if (in.isDomain() != null && in.isDomain() != p.isDomain()) {
            throw IdentityError.BAD_REQUEST.exception("Update of `is_domain` is not allowed.");
        }
        if (in.description() != null) {
            p.describe(in.description());
        }
        if (in.tags() != null) {
            p.getTags().clear();
            p.getTags().addAll(ProjectTags.valid(in.tags()));
        }
        if (in.extra() != null && !in.extra().isEmpty()) {
            p.setExtra(ExtraAttributes.merged(p.getExtra(), in.extra(), DirectoryRequests.ProjectInput.RESERVED));
        }
        if (in.enabled() != null && in.enabled() != p.isEnabled()) {
            p.setEnabled(in.enabled());
            if (!in.enabled()) {
                revocations.revokeProject(id);
                events.projectDisabled(id, p.getDomainId());
            }
        }
        return p;
    }

    @Transactional
    public void delete(String id) {
        ProjectEntity p = get(id);
        if (projects.existsByParentId(id)) {
            throw IdentityError.FORBIDDEN_ACTION.exception("Cannot delete a project that has child projects.");
        }
        deletions.publishEvent(new ProjectDeleted(id));
        projects.delete(p);
        revocations.revokeProject(id);
        events.projectDeleted(id, p.getDomainId());
    }

}
