package io.nubo.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A role grant was removed (fields as {@link RoleAssignmentCreated}); the tokens it stood behind are revoked. */
@EventContract(type = "identity.role_assignment.removed", version = "1.0", topic = Topics.IDENTITY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RoleAssignmentRemoved(
        @JsonProperty("actor_type") String actorType,
        @JsonProperty("actor_id") String actorId,
        @JsonProperty("target_type") String targetType,
        @JsonProperty("target_id") String targetId,
        @JsonProperty("role_id") String roleId,
        @JsonProperty("inherited") boolean inherited) implements IdentityChange {
}
