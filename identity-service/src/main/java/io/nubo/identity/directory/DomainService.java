package io.nubo.identity.directory;

import io.nubo.identity.events.IdentityEvents;
import io.nubo.identity.token.RevocationStore;
import io.nubo.identity.error.IdentityError;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, changes and deletes domains. As in Keystone, an enabled domain cannot be deleted (403: disable it
 * first), disabling one revokes every token of its users and projects, and deleting one deletes them.
 */
@Service
public class DomainService {

    static final String DEFAULT = "default";

    private final DomainRepository domains;
    private final ProjectRepository projects;
    private final UserRepository users;
    private final RevocationStore revocations;
    private final ApplicationEventPublisher events;
    private final IdentityEvents changes;

    public DomainService(DomainRepository domains, ProjectRepository projects, UserRepository users,
                         RevocationStore revocations, ApplicationEventPublisher events, IdentityEvents changes) {
        this.changes = changes;
        this.events = events;
        this.domains = domains;
        this.projects = projects;
        this.users = users;
        this.revocations = revocations;
    }

    @Transactional
    public DomainEntity create(DirectoryRequests.DomainInput in) {
        String name = DirectoryRequests.validName(in.name(), 64);
        if (domains.findByName(name).isPresent()) {
            throw IdentityError.CONFLICT.exception("domain", name, "");
        }
        return domains.save(new DomainEntity(UUID.randomUUID().toString().replace("-", ""), name,
                in.description() == null ? "" : in.description(), in.enabled() == null || in.enabled()));
    }

    @Transactional(readOnly = true)
    public DomainEntity get(String id) {
        return domains.findById(id).orElseThrow(() -> IdentityError.NOT_FOUND.exception("domain", id));
    }

    @Transactional
    public DomainEntity update(String id, DirectoryRequests.DomainInput in) {
        DomainEntity d = get(id);
        if (in.name() != null && !in.name().equals(d.getName())) {
            String name = DirectoryRequests.validName(in.name(), 64);
            if (domains.findByName(name).isPresent()) {
                throw IdentityError.CONFLICT.exception("domain", name, "");
            }
            d.rename(name);
        }
        if (in.description() != null) {
            d.describe(in.description());
        }
        if (in.enabled() != null && in.enabled() != d.isEnabled()) {
            if (!in.enabled() && DEFAULT.equals(id)) {
                throw IdentityError.FORBIDDEN_ACTION.exception("The default domain cannot be disabled.");
            }
            d.setEnabled(in.enabled());
            if (!in.enabled()) {
                revocations.revokeDomain(id);
            }
        }
        return d;
    }

    @Transactional
    public void delete(String id) {
        DomainEntity d = get(id);
        if (d.isEnabled()) {
            throw IdentityError.FORBIDDEN_ACTION.exception("Cannot delete a domain that is enabled, please disable it "
                    + "first.");
        }
        // Keystone deletes the domain's content with it (its tokens were revoked when it was disabled); the
        // features that own rows about it (grants, groups, credentials) delete theirs on the events
        for (ProjectEntity p : projects.findByDomainId(id)) {
            events.publishEvent(new ProjectDeleted(p.getId()));
            projects.delete(p);
            changes.projectDeleted(p.getId(), id);
        }
        for (UserEntity u : users.findByDomainId(id)) {
            events.publishEvent(new UserDeleted(u.getId()));
            users.delete(u);
            changes.userDeleted(u.getId(), id);
        }
        events.publishEvent(new DomainDeleted(id));
        domains.delete(d);
    }
}
