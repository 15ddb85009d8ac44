package io.nubo.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A role was granted: {@code actor_type} user or group; {@code target_type} project, domain or system (target
 * {@code all}); {@code inherited} when it reaches the projects below the target instead (OS-INHERIT).
 */
@EventContract(type = "identity.role_assignment.created", version = "1.0", topic = Topics.IDENTITY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RoleAssignmentCreated(
        @JsonProperty("actor_type") String actorType,
        @JsonProperty("actor_id") String actorId,
        @JsonProperty("target_type") String targetType,
        @JsonProperty("target_id") String targetId,
        @JsonProperty("role_id") String roleId,
        @JsonProperty("inherited") boolean inherited) implements IdentityChange {
}
