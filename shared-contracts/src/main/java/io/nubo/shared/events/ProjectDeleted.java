package io.nubo.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A project was deleted: services may clean up what belonged to it. */
@EventContract(type = "identity.project.deleted", version = "1.0", topic = Topics.IDENTITY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProjectDeleted(
        @JsonProperty("project_id") String projectId,
        @JsonProperty("domain_id") String domainId) implements IdentityChange {
}
