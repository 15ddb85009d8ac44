package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;

/**
 * Change a running instance's power state: os-start, os-stop, reboot (SOFT/HARD), pause/unpause,
 * suspend/resume. {@code timeoutSeconds} is how long a clean shutdown (stop, soft reboot) may take before the
 * agent destroys the guest; 0 means the agent's default. Answered by an {@link InstanceReport} whose operation is
 * the action's wire name ({@code start}, {@code stop}, {@code reboot_soft}, ...).
 */
@EventContract(type = "compute.command.power", version = "1.0", topic = Topics.COMPUTE_COMMANDS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PowerAction(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("host") String host,
        @JsonProperty("action_id") String actionId,
        @JsonProperty("action") Action action,
        @JsonProperty("timeout_seconds") int timeoutSeconds) implements ComputeCommand {

    public enum Action {
        START, STOP, REBOOT_SOFT, REBOOT_HARD, PAUSE, UNPAUSE, SUSPEND, RESUME;

        /** The operation name used in {@link InstanceReport#operation()}. */
        public String operation() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
