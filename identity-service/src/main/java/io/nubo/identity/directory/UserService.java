package io.nubo.identity.directory;

import io.nubo.identity.compliance.PasswordHistory;
import io.nubo.identity.events.IdentityEvents;
import io.nubo.identity.token.RevocationStore;
import io.nubo.identity.error.IdentityError;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, changes and deletes users. Disabling or deleting a user, or changing the password, revokes every token
 * the user holds, as Keystone does.
 */
@Service
public class UserService {

    private final UserRepository users;
    private final DomainRepository domains;
    private final ProjectRepository projects;
    private final RevocationStore revocations;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;
    private final PasswordHistory history;
    private final IdentityEvents changes;

    public UserService(UserRepository users, DomainRepository domains, ProjectRepository projects,
                       RevocationStore revocations, PasswordEncoder passwords,
                       ApplicationEventPublisher events, PasswordHistory history,
                       IdentityEvents changes) {
        this.changes = changes;
        this.history = history;
        this.events = events;
        this.users = users;
        this.domains = domains;
        this.projects = projects;
        this.revocations = revocations;
        this.passwords = passwords;
    }

    @Transactional
    public UserEntity create(DirectoryRequests.UserInput in, String defaultDomainId) {
        String name = DirectoryRequests.validName(in.name(), 255);
        String domainId = in.domainId() != null ? in.domainId() : defaultDomainId;
        if (!domains.existsById(domainId)) {
            throw IdentityError.NOT_FOUND.exception("domain", domainId);
        }
        if (users.findByDomainIdAndName(domainId, name).isPresent()) {
            throw IdentityError.CONFLICT.exception("user", name, " at domain ID " + domainId);
        }
        checkDefaultProject(in.defaultProjectId());
        UserEntity u = new UserEntity(UUID.randomUUID().toString().replace("-", ""), name, domainId,
                in.password() == null ? null : passwords.encode(in.password()), in.enabled() == null || in.enabled());
        u.setDefaultProjectId(in.defaultProjectId());
        u.setExtra(ExtraAttributes.merged(null, in.extra(), DirectoryRequests.UserInput.RESERVED));
        users.save(u);
        history.record(u.getId(), u.getPasswordHash());
        return u;
    }

    /** The user, or null. */
    @Transactional(readOnly = true)
    public UserEntity find(String id) {
        return users.findById(id).orElse(null);
    }

    @Transactional(readOnly = true)
    public UserEntity get(String id) {
        return users.findById(id).orElseThrow(() -> IdentityError.NOT_FOUND.exception("user", id));
    }

    @Transactional
    public UserEntity update(String id, DirectoryRequests.UserInput in) {
        UserEntity u = get(id);
        // Keystone's update_user: the id and the domain never change (the id arrives among the extras)
        Object givenId = in.extra() == null ? null : in.extra().get("id");
        if (givenId != null && !id.equals(givenId)) {
            throw IdentityError.BAD_REQUEST.exception("Cannot change user ID");
        }
        if (in.domainId() != null && !in.domainId().equals(u.getDomainId())) {
            throw IdentityError.BAD_REQUEST.exception("Cannot change Domain ID");
        }
        boolean revoke = false;
        if (in.name() != null && !in.name().equals(u.getName())) {
            String name = DirectoryRequests.validName(in.name(), 255);
            if (users.findByDomainIdAndName(u.getDomainId(), name).isPresent()) {
                throw IdentityError.CONFLICT.exception("user", name, " at domain ID " + u.getDomainId());
            }
            u.rename(name);
        }
        if (in.password() != null) {
            // an administrator's reset is not held to the password history (Keystone's rule)
            u.setPasswordHash(passwords.encode(in.password()));
            history.record(id, u.getPasswordHash());
            revoke = true;
        }
        if (in.enabled() != null && in.enabled() != u.isEnabled()) {
            u.setEnabled(in.enabled());
            revoke |= !in.enabled();
            if (!in.enabled()) {
                changes.userDisabled(id, u.getDomainId());
            }
        }
        if (in.defaultProjectId() != null) {
            checkDefaultProject(in.defaultProjectId());
            u.setDefaultProjectId(in.defaultProjectId());
        }
        if (in.extra() != null && !in.extra().isEmpty()) {
            u.setExtra(ExtraAttributes.merged(u.getExtra(), in.extra(), DirectoryRequests.UserInput.RESERVED));
        }
        if (revoke) {
            revocations.revokeUser(id);
        }
        return u;
    }

    @Transactional
    public void delete(String id) {
        UserEntity u = get(id);
        events.publishEvent(new UserDeleted(id));
        users.delete(u);
        revocations.revokeUser(id);
        changes.userDeleted(id, u.getDomainId());
    }

    /** A user changing its own password: the original must match (401 otherwise); every token is revoked. */
    @Transactional
    public void changePassword(String id, DirectoryRequests.PasswordChange change) {
        if (change == null || change.password() == null || change.originalPassword() == null) {
            throw IdentityError.VALIDATION.exception("user", "'password' and 'original_password' are required");
        }
        UserEntity u = get(id);
        if (u.getPasswordHash() == null || !passwords.matches(change.originalPassword(), u.getPasswordHash())) {
            throw IdentityError.UNAUTHORIZED.exception();
        }
        if (history.reused(id, change.password(), u.getPasswordHash())) {
            throw IdentityError.BAD_REQUEST.exception("Invalid password: the new password cannot be identical to one "
                    + "of the last passwords.");
        }
        u.setPasswordHash(passwords.encode(change.password()));
        history.record(id, u.getPasswordHash());
        revocations.revokeUser(id);
    }

    private void checkDefaultProject(String projectId) {
        if (projectId != null && !projects.existsById(projectId)) {
            throw IdentityError.NOT_FOUND.exception("project", projectId);
        }
    }

}
