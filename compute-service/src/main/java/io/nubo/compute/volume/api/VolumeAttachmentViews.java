package io.nubo.compute.volume.api;

import java.util.List;

/** Nova 2.1's os-volume_attachments shapes (api-ref "Servers with volume attachments"). */
public final class VolumeAttachmentViews {

    private VolumeAttachmentViews() {
    }

    /** At 2.1 the attachment's id is the volume's id. */
    public record Attachment(String device, String id, String serverId, String volumeId) {
    }

    public record One(Attachment volumeAttachment) {
    }

    public record Many(List<Attachment> volumeAttachments) {
    }
}
