package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Build and boot a new instance on {@code host} (Nova's {@code build_and_run_instance}). The agent answers with
 * an {@link InstanceReport} of operation {@code spawn}: {@code SUCCEEDED} with power state RUNNING, or
 * {@code FAILED} with a fault message that says why.
 *
 * @param userData base64, as the API received it, or null
 * @param keyData  the public key of {@code key_name}, or null
 */
@EventContract(type = "compute.command.spawn", version = "1.0", topic = Topics.COMPUTE_COMMANDS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SpawnInstance(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("host") String host,
        @JsonProperty("action_id") String actionId,
        @JsonProperty("project_id") String projectId,
        @JsonProperty("user_id") String userId,
        @JsonProperty("display_name") String displayName,
        @JsonProperty("hostname") String hostname,
        @JsonProperty("flavor") FlavorSpec flavor,
        @JsonProperty("image") ImageSpec image,
        @JsonProperty("key_name") String keyName,
        @JsonProperty("key_data") String keyData,
        @JsonProperty("user_data") String userData,
        @JsonProperty("metadata") Map<String, String> metadata,
        @JsonProperty("config_drive") boolean configDrive,
        @JsonProperty("availability_zone") String availabilityZone,
        @JsonProperty("launch_index") int launchIndex,
        @JsonProperty("nics") List<NicSpec> nics,
        @JsonProperty("block_devices") List<BlockDeviceSpec> blockDevices,
        @JsonProperty("created_at") Instant createdAt) implements ComputeCommand {
}
