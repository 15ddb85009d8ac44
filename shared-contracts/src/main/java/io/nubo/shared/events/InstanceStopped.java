package io.nubo.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.compute.FlavorSpec;
import java.time.Instant;

/** The instance stopped running (os-stop, or a guest that powered itself off). */
@EventContract(type = "compute.instance.stopped", version = "1.0", topic = Topics.COMPUTE)
@JsonIgnoreProperties(ignoreUnknown = true)
public record InstanceStopped(
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
