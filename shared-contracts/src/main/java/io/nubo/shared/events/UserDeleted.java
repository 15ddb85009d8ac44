package io.nubo.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A user was deleted, with its grants, credentials and application credentials. */
@EventContract(type = "identity.user.deleted", version = "1.0", topic = Topics.IDENTITY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserDeleted(
        @JsonProperty("user_id") String userId,
        @JsonProperty("domain_id") String domainId) implements IdentityChange {
}
