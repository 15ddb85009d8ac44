package io.nubo.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A user was disabled: its tokens are revoked (see {@link TokenRevoked}). */
@EventContract(type = "identity.user.disabled", version = "1.0", topic = Topics.IDENTITY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserDisabled(
        @JsonProperty("user_id") String userId,
        @JsonProperty("domain_id") String domainId) implements IdentityChange {
}
