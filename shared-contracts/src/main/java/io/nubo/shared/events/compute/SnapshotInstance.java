package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;

/**
 * createImage: the API has already created the image record {@code imageId} (status queued) in the image service,
 * with the user's token, so the image is the user's; the agent converts the root disk ({@code qemu-img convert})
 * and uploads the data to that image as the user: {@code X-Auth-Token} the user's token, {@code X-Service-Token}
 * its own (Nova's service-token pattern), so the upload is accepted even when the user's token expired meanwhile.
 * On failure the agent deletes the image, as Nova's compute manager does.
 *
 * @param userToken the token of the user who asked (1.1); null from an older API, when the agent uploads as itself.
 *                  A bearer credential: the commands topic must be as closed as Nova's message bus, and it is
 *                  never written to a log ({@link #toString()} leaves it out)
 */
@EventContract(type = "compute.command.snapshot", version = "1.1", topic = Topics.COMPUTE_COMMANDS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SnapshotInstance(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("host") String host,
        @JsonProperty("action_id") String actionId,
        @JsonProperty("image_id") String imageId,
        @JsonProperty("disk_format") String diskFormat,
        @JsonProperty("user_token") String userToken) implements ComputeCommand {

    /** A 1.0 command: no user token. */
    public SnapshotInstance(String instanceId, String host, String actionId, String imageId, String diskFormat) {
        this(instanceId, host, actionId, imageId, diskFormat, null);
    }

    @Override
    public String toString() {
        return "SnapshotInstance[instanceId=" + instanceId + ", host=" + host + ", actionId=" + actionId
                + ", imageId=" + imageId + ", diskFormat=" + diskFormat + ", userToken="
                + (userToken == null ? "null" : "<redacted>") + "]";
    }
}
