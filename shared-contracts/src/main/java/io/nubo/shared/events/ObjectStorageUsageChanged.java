package io.nubo.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A change in what a project stores in the object store, for usage metering: a container or an object was
 * created, replaced or deleted. {@code bytes_delta} and {@code objects_delta} say how the account's usage moved;
 * summing them per project over time gives bytes stored per project.
 *
 * @param change {@code container.created}, {@code container.deleted}, {@code object.created},
 *               {@code object.replaced}, {@code object.deleted} or {@code object.expired}
 * @param object the object's name, null for a container change
 */
@EventContract(type = "object-store.usage.changed", version = "1.0", topic = Topics.OBJECT_STORE)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ObjectStorageUsageChanged(
        @JsonProperty("project_id") String projectId,
        @JsonProperty("account") String account,
        @JsonProperty("container") String container,
        @JsonProperty("object") String object,
        @JsonProperty("change") String change,
        @JsonProperty("bytes_delta") long bytesDelta,
        @JsonProperty("objects_delta") long objectsDelta) implements NuboEvent {
}
