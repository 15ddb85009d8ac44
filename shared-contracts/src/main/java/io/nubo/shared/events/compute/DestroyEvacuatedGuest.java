package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;

/**
 * To the host an instance was evacuated from, once it is back (Nova's {@code _destroy_evacuated_instances}): destroy
 * and undefine its leftover guest, which must not run beside the rebuilt one. {@code destroyFiles} false keeps the
 * guest's directory (the destination reports the same instances directory: it is shared); Ceph images are never
 * removed (the pool is shared, the rebuilt guest uses them). The report is a {@code destroy_evacuated} outcome.
 */
@EventContract(type = "compute.command.destroy_evacuated", version = "1.0", topic = Topics.COMPUTE_COMMANDS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DestroyEvacuatedGuest(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("host") String host,
        @JsonProperty("action_id") String actionId,
        @JsonProperty("destroy_files") boolean destroyFiles) implements ComputeCommand {
}
