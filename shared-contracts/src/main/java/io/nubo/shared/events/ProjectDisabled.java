package io.nubo.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A project was disabled: its tokens are revoked (see {@link TokenRevoked}) and no new ones are issued. */
@EventContract(type = "identity.project.disabled", version = "1.0", topic = Topics.IDENTITY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProjectDisabled(
        @JsonProperty("project_id") String projectId,
        @JsonProperty("domain_id") String domainId) implements IdentityChange {
}
