package io.nubo.identity.events;

import io.nubo.shared.events.IdentityChange;
import io.nubo.shared.events.ProjectCreated;
import io.nubo.shared.events.ProjectDeleted;
import io.nubo.shared.events.ProjectDisabled;
import io.nubo.shared.events.RoleAssignmentCreated;
import io.nubo.shared.events.RoleAssignmentRemoved;
import io.nubo.shared.events.UserDeleted;
import io.nubo.shared.events.UserDisabled;
import io.nubo.shared.outbox.EventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Identity's announcements on {@code nubo.identity.v1}, written to the outbox in the transaction of the change
 * (so an event exists exactly when its change was committed). Keyed by the project or user they are about, so
 * that one aggregate's events stay in order.
 */
@Component
public class IdentityEvents {

    private final EventPublisher publisher;

    public IdentityEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void projectCreated(String projectId, String domainId, String parentId, String name) {
        publish(new ProjectCreated(projectId, domainId, parentId, name), projectId, projectId);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void projectDisabled(String projectId, String domainId) {
        publish(new ProjectDisabled(projectId, domainId), projectId, projectId);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void projectDeleted(String projectId, String domainId) {
        publish(new ProjectDeleted(projectId, domainId), projectId, projectId);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void userDisabled(String userId, String domainId) {
        publish(new UserDisabled(userId, domainId), userId, null);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void userDeleted(String userId, String domainId) {
        publish(new UserDeleted(userId, domainId), userId, null);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void assignmentCreated(String actorType, String actorId, String targetType, String targetId, String roleId,
                                  boolean inherited) {
        publish(new RoleAssignmentCreated(actorType, actorId, targetType, targetId, roleId, inherited), actorId,
                "project".equals(targetType) ? targetId : null);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void assignmentRemoved(String actorType, String actorId, String targetType, String targetId, String roleId,
                                  boolean inherited) {
        publish(new RoleAssignmentRemoved(actorType, actorId, targetType, targetId, roleId, inherited), actorId,
                "project".equals(targetType) ? targetId : null);
    }

    private void publish(IdentityChange change, String key, String projectId) {
        publisher.publish(change, key, projectId);
    }
}
