package io.nubo.compute.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How compute reaches block storage for volume attachments, {@code nubo.compute.volumes.*}.
 *
 * @param blockStorageUrl block storage's base URL (Cinder v3 under it), called with the user's own token
 * @param agentTimeout    how long an attach request waits for the host's agent to plug the disk
 * @param detachTimeout   how long a detach (answered 202 at once, as Nova does) waits in the background for the agent
 *                        to unplug the disk: a guest still booting releases it only once it is up
 * @param bootVolumeTimeout how long a boot waits for block storage to create a volume it asked for (from an image,
 *                        a snapshot or blank) before the server goes to ERROR (Nova's block_device_allocate_retries)
 */
@ConfigurationProperties("nubo.compute.volumes")
public record VolumeAttachProperties(
        @DefaultValue("http://127.0.0.1:8784") String blockStorageUrl,
        @DefaultValue("90s") Duration agentTimeout,
        @DefaultValue("300s") Duration detachTimeout,
        @DefaultValue("300s") Duration bootVolumeTimeout) {

    public VolumeAttachProperties {
        if (blockStorageUrl == null || blockStorageUrl.isBlank()) {
            throw new IllegalStateException("nubo.compute.volumes.block-storage-url is required: block storage's"
                    + " base URL");
        }
        if (agentTimeout == null || agentTimeout.isNegative() || agentTimeout.isZero()
                || detachTimeout == null || detachTimeout.isNegative() || detachTimeout.isZero()
                || bootVolumeTimeout == null || bootVolumeTimeout.isNegative() || bootVolumeTimeout.isZero()) {
            throw new IllegalStateException("nubo.compute.volumes.agent-timeout, detach-timeout and"
                    + " boot-volume-timeout must be positive");
        }
    }
}
