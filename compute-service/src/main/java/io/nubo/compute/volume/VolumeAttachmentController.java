package io.nubo.compute.volume;

import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerService;
import io.nubo.compute.volume.api.VolumeAttachmentViews;
import io.nubo.compute.wire.Access;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.ComputePolicy;
import io.nubo.shared.validation.ValidatedBody;
import io.nubo.shared.microversion.ApiVersion;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Nova 2.1's {@code /servers/{server_id}/os-volume_attachments}: list, show, attach (200), detach (202); swap
 * (admin) checks what Nova checks and answers 501, as Nova does for a driver that cannot swap. From 2.20 a shelved
 * server's attach and detach take {@link ShelvedVolumeAttachments}' path.
 */
@RestController
@RequestMapping("/v2.1/servers/{serverId}/os-volume_attachments")
class VolumeAttachmentController {

    private final ServerService servers;
    private final VolumeAttachments attachments;
    private final ShelvedVolumeAttachments shelved;
    private final Access access;

    VolumeAttachmentController(ServerService servers, VolumeAttachments attachments, ShelvedVolumeAttachments shelved,
                               Access access) {
        this.servers = servers;
        this.attachments = attachments;
        this.shelved = shelved;
        this.access = access;
    }

    /** From 2.20, a shelved server's volumes are attached and detached with no host (Nova's shelved path). */
    private static boolean shelved(Instance i, ApiVersion version) {
        return version.atLeast("2.20") && ShelvedVolumeAttachments.SHELVED.contains(i.vmState());
    }

    @GetMapping
    VolumeAttachmentViews.Many list(Caller caller, @PathVariable String serverId) {
        Instance i = server(caller, serverId, ComputePolicy.VOLUME_ATTACHMENTS_LIST);
        return new VolumeAttachmentViews.Many(attachments.list(i).stream().map(VolumeAttachmentController::view)
                .toList());
    }

    @GetMapping("/{volumeId}")
    VolumeAttachmentViews.One show(Caller caller, @PathVariable String serverId, @PathVariable String volumeId) {
        Instance i = server(caller, serverId, ComputePolicy.VOLUME_ATTACHMENTS_SHOW);
        return new VolumeAttachmentViews.One(view(attachments.show(i, volumeId)));
    }

    @ValidatedBody("compute/volume-attachment-create.json")
    @PostMapping
    VolumeAttachmentViews.One attach(Caller caller, ApiVersion version, @PathVariable String serverId,
                                     @RequestBody JsonNode body) {
        Instance i = server(caller, serverId, ComputePolicy.VOLUME_ATTACHMENTS_CREATE);
        String volumeId = body.path("volumeAttachment").path("volumeId").asString();
        return new VolumeAttachmentViews.One(view(shelved(i, version) ? shelved.attach(caller, i, volumeId)
                : attachments.attach(caller, i, volumeId)));
    }

    @ValidatedBody("compute/volume-attachment-update.json")
    @PutMapping("/{volumeId}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void swap(Caller caller, @PathVariable String serverId, @PathVariable String volumeId,
              @RequestBody JsonNode body) {
        Instance i = server(caller, serverId, ComputePolicy.VOLUME_ATTACHMENTS_SWAP);
        attachments.swap(caller, i, volumeId, body.path("volumeAttachment").path("volumeId").asString());
    }

    @DeleteMapping("/{volumeId}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void detach(Caller caller, ApiVersion version, @PathVariable String serverId, @PathVariable String volumeId) {
        Instance i = server(caller, serverId, ComputePolicy.VOLUME_ATTACHMENTS_DELETE);
        if (shelved(i, version)) {
            shelved.detach(caller, i, volumeId);
        } else {
            attachments.detach(caller, i, volumeId);
        }
    }

    private Instance server(Caller caller, String serverId, ComputePolicy policy) {
        Instance i = servers.get(caller, serverId);
        access.check(policy, caller, i.projectId());
        return i;
    }

    private static VolumeAttachmentViews.Attachment view(VolumeAttachments.Attachment a) {
        return new VolumeAttachmentViews.Attachment(a.device(), a.volumeId(), a.serverId(), a.volumeId());
    }
}
