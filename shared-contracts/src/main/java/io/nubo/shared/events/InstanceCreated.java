package io.nubo.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.compute.FlavorSpec;
import java.time.Instant;

/** The instance ran for the first time (spawn succeeded; Nova's compute.instance.create.end). */
@EventContract(type = "compute.instance.created", version = "1.0", topic = Topics.COMPUTE)
@JsonIgnoreProperties(ignoreUnknown = true)
public record InstanceCreated(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("project_id") String projectId,
        @JsonProperty("user_id") String userId,
        @JsonProperty("display_name") String displayName,
        @JsonProperty("host") String host,
        @JsonProperty("availability_zone") String availabilityZone,
        @JsonProperty("flavor") FlavorSpec flavor,
        @JsonProperty("image_id") String imageId,
        @JsonProperty("launched_at") Instant launchedAt,
        @JsonProperty("at") Instant at) implements InstanceLifecycle {
}
