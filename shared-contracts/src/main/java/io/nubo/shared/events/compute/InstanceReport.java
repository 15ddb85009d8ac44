package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;
import java.time.Instant;

/**
 * What happened to an instance on its host. Either the answer to a command ({@code actionId} set, {@code operation}
 * the command's operation: {@code spawn}, {@code start}, {@code stop}, {@code reboot_soft}, {@code reboot_hard},
 * {@code pause}, {@code unpause}, {@code suspend}, {@code resume}, {@code rebuild}, {@code snapshot},
 * {@code delete}, {@code attach_volume}, {@code detach_volume}, {@code attach_interface}, {@code resize},
 * {@code confirm_resize}, {@code revert_resize},
 * {@code detach_interface}), or an observation ({@code actionId} null, {@code operation} {@code lifecycle} for a
 * libvirt lifecycle event, {@code reconcile} for what the agent found at start, including guests nobody owns).
 *
 * @param outcome       {@code SUCCEEDED}, {@code FAILED} or {@code OBSERVED}
 * @param faultMessage  for FAILED: a message a user can act on ("image abc is not bootable: ...")
 * @param faultDetails  for FAILED: operator detail (exception chain), never shown to non-admins
 */
@EventContract(type = "compute.agent.instance_report", version = "1.0", topic = Topics.COMPUTE_AGENT)
@JsonIgnoreProperties(ignoreUnknown = true)
public record InstanceReport(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("host") String host,
        @JsonProperty("action_id") String actionId,
        @JsonProperty("operation") String operation,
        @JsonProperty("outcome") Outcome outcome,
        @JsonProperty("power_state") PowerState powerState,
        @JsonProperty("fault_message") String faultMessage,
        @JsonProperty("fault_details") String faultDetails,
        @JsonProperty("observed_at") Instant observedAt) implements AgentReport {

    public enum Outcome { SUCCEEDED, FAILED, OBSERVED }
}
