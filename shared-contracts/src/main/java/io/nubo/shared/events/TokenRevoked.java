package io.nubo.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A token revocation, shaped like Keystone's revocation events: a token is revoked when every field set here
 * matches it and it was issued at or before {@code issued_before}. Explicit revocation sets {@code audit_id};
 * disabling a user sets {@code user_id}; disabling a project sets {@code project_id}; and so on.
 */
@EventContract(type = "identity.token.revoked", version = "1.0", topic = Topics.IDENTITY_REVOCATIONS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenRevoked(
        @JsonProperty("audit_id") String auditId,
        @JsonProperty("audit_chain_id") String auditChainId,
        @JsonProperty("user_id") String userId,
        @JsonProperty("project_id") String projectId,
        @JsonProperty("domain_id") String domainId,
        @JsonProperty("issued_before") Instant issuedBefore,
        @JsonProperty("revoked_at") Instant revokedAt) implements NuboEvent {
}
