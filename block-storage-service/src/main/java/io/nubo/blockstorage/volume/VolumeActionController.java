package io.nubo.blockstorage.volume;

import io.nubo.shared.validation.ValidatedBody;
import io.nubo.blockstorage.volume.attachment.AttachmentService;
import io.nubo.blockstorage.backend.VolumeBackend;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Json;
import io.nubo.blockstorage.request.MetadataBodies;
import io.nubo.blockstorage.request.Policy;
import io.nubo.blockstorage.error.VolumeError;
import io.nubo.shared.events.compute.VolumeConnection;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import io.nubo.shared.microversion.ApiVersion;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /volumes/{id}/action}: one action per request, named by the body's only key, answered with Cinder's
 * status for that action (202 for most, 200 for os-set_bootable and os-initialize_connection).
 */
@RestController
public class VolumeActionController {

    public record ConnectionInfo(@com.fasterxml.jackson.annotation.JsonProperty("connection_info")
                                 VolumeConnection connectionInfo) {
    }

    private final VolumeService volumes;
    private final AttachmentService attachments;
    private final VolumeUpload upload;
    private final VolumeAdminService admin;
    private final VolumeRevert revert;

    /** Microversion 3.40: {@code revert} to the latest snapshot. */
    static final String REVERT = "3.40";

    public VolumeActionController(VolumeService volumes, AttachmentService attachments, VolumeUpload upload,
                                  VolumeAdminService admin, VolumeRevert revert) {
        this.revert = revert;
        this.volumes = volumes;
        this.admin = admin;
        this.attachments = attachments;
        this.upload = upload;
    }

    @PostMapping("/v3/{projectId}/volumes/{id}/action")
    @ValidatedBody("block-storage/volume-action.json")
    public ResponseEntity<?> action(Caller caller, @PathVariable String id, @RequestBody JsonNode body,
                                    @RequestHeader("X-Auth-Token") String token, ApiVersion version) {
        // volume-action.json: exactly one action Nubo serves, with its arguments (null for none)
        String name = body.properties().iterator().next().getKey();
        JsonNode args = body.get(name);
        if (args.isNull()) {
            args = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        switch (name) {
            case "os-extend" -> volumes.extend(caller, id, Json.integer(args, "new_size"), version);
            case "os-set_bootable" -> {
                volumes.setBootable(caller, id, Json.bool(args, "bootable"));
                return ResponseEntity.ok().build();
            }
            case "os-update_readonly_flag" -> volumes.setReadonly(caller, id, Json.bool(args, "readonly"));
            case "os-reserve" -> attachments.reserve(owned(caller, id, Policy.VOLUME_ATTACH));
            case "os-unreserve" -> attachments.unreserve(owned(caller, id, Policy.VOLUME_ATTACH));
            case "os-attach" -> {
                String instance = Json.string(args, "instance_uuid");
                String host = Json.string(args, "host_name");
                if (instance == null && host == null) {
                    throw VolumeError.INVALID_INPUT.exception("Invalid request to attach volume to an invalid target");
                }
                String mode = Json.string(args, "mode");
                attachments.attach(owned(caller, id, Policy.VOLUME_ATTACH), instance, host,
                        Json.string(args, "mountpoint"), mode == null ? "rw" : mode);
            }
            case "os-begin_detaching" -> attachments.beginDetaching(owned(caller, id, Policy.VOLUME_DETACH));
            case "os-roll_detaching" -> attachments.rollDetaching(owned(caller, id, Policy.VOLUME_DETACH));
            case "os-detach" -> attachments.detach(owned(caller, id, Policy.VOLUME_DETACH),
                    Json.string(args, "attachment_id"));
            case "os-initialize_connection" -> {
                VolumeConnection c = attachments.initializeConnection(owned(caller, id, Policy.VOLUME_ATTACH),
                        connector(args));
                return ResponseEntity.ok(new ConnectionInfo(c));
            }
            case "os-terminate_connection" ->
                    attachments.terminateConnection(owned(caller, id, Policy.VOLUME_DETACH), connector(args));
            case "os-reset_status" -> {
                String status = Json.string(args, "status");
                if (status == null && Json.string(args, "attach_status") == null) {
                    throw VolumeError.INVALID_INPUT.exception("Must specify 'status', 'attach_status' or"
                            + " 'migration_status' for update.");
                }
                if (status != null) {
                    admin.resetStatus(caller, id, status);
                }
                if ("detached".equals(Json.string(args, "attach_status"))) {
                    attachments.forceDetach(owned(caller, id, Policy.VOLUME_RESET_STATUS), null, false);
                }
            }
            case "os-force_delete" -> admin.forceDelete(caller, id);
            case "os-force_detach" -> {
                VolumeEntity v = owned(caller, id, Policy.VOLUME_FORCE_DETACH);
                JsonNode c = args.get("connector");
                if (c != null && !c.isNull()) {
                    attachments.terminateConnection(v, connector(args));
                }
                attachments.forceDetach(v, Json.string(args, "attachment_id"), true);
            }
            case "os-retype" -> admin.retype(caller, id, Json.string(args, "new_type"),
                    Json.string(args, "migration_policy"));
            case "os-set_image_metadata" -> {
                return ResponseEntity.ok(new MetadataBodies.Metadata(volumes.changeImageMetadata(caller, id,
                        Json.stringMap(args, "metadata"), null)));
            }
            case "os-unset_image_metadata" -> {
                volumes.changeImageMetadata(caller, id, null, Json.string(args, "key"));
                return ResponseEntity.ok().build();
            }
            case "os-show_image_metadata" -> {
                return ResponseEntity.ok(new MetadataBodies.Metadata(volumes.changeImageMetadata(caller, id, null,
                        null)));
            }
            case "revert" -> {
                if (!version.atLeast(REVERT)) {
                    // before 3.40 Cinder has no such action method for the version: 404
                    throw VolumeError.NOT_FOUND.exception("The resource could not be found.");
                }
                revert.revert(caller, id, Json.string(args, "snapshot_id"));
            }
            case "os-volume_upload_image" -> {
                return ResponseEntity.accepted().body(new VolumeUpload.Reply(upload.start(caller, id, args, token, version)));
            }
            default -> throw new IllegalStateException("volume-action.json admits " + name + " but no case serves it");
        }
        return ResponseEntity.accepted().build();
    }

    private VolumeEntity owned(Caller caller, String id, Policy action) {
        VolumeEntity v = volumes.visible(caller, id);
        caller.require(action, v.getProjectId());
        return v;
    }

    private static VolumeBackend.Connector connector(JsonNode args) {
        JsonNode c = args.get("connector");
        return new VolumeBackend.Connector(Json.string(c, "host"), Json.string(c, "initiator"), Json.string(c, "ip"));
    }
}
