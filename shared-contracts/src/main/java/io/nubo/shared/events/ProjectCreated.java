package io.nubo.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A project was created ({@code parent_id} is null for a project directly under its domain). */
@EventContract(type = "identity.project.created", version = "1.0", topic = Topics.IDENTITY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProjectCreated(
        @JsonProperty("project_id") String projectId,
        @JsonProperty("domain_id") String domainId,
        @JsonProperty("parent_id") String parentId,
        @JsonProperty("name") String name) implements IdentityChange {
}
