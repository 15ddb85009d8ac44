package io.nubo.shared.events;

/**
 * Changes identity announces on {@link Topics#IDENTITY}, so that other services can follow projects, users and
 * role assignments (clean up after a deleted project, for one) without calling identity.
 */
public sealed interface IdentityChange extends NuboEvent
        permits ProjectCreated, ProjectDisabled, ProjectDeleted, UserDisabled, UserDeleted, RoleAssignmentCreated,
        RoleAssignmentRemoved {
}
