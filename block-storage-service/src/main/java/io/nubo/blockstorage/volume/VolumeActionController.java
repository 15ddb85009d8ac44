package io.nubo.blockstorage.volume;

import io.nubo.blockstorage.volume.attachment.AttachmentService;
import io.nubo.blockstorage.backend.VolumeBackend;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Json;
import io.nubo.blockstorage.request.Policy;
import io.nubo.blockstorage.error.VolumeError;
import io.nubo.shared.events.compute.VolumeConnection;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
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

    public VolumeActionController(VolumeService volumes, AttachmentService attachments, VolumeUpload upload) {
        this.volumes = volumes;
        this.attachments = attachments;
        this.upload = upload;
    }

    @PostMapping("/v3/{projectId}/volumes/{id}/action")
    public ResponseEntity<?> action(Caller caller, @PathVariable String id, @RequestBody JsonNode body,
                                    @RequestHeader("X-Auth-Token") String token) {
        if (body == null || !body.isObject() || body.size() != 1) {
            throw VolumeError.BAD_REQUEST.exception("There is either no action or more than one action in the request"
                    + " body.");
        }
        String name = body.properties().iterator().next().getKey();
        JsonNode args = body.get(name);
        if (args == null || args.isNull()) {
            args = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        if (!args.isObject()) {
            throw VolumeError.BAD_REQUEST.exception("The body of action " + name + " must be an object.");
        }
        switch (name) {
            case "os-extend" -> volumes.extend(caller, id, Json.integer(args, "new_size",
                    "New volume size '" + args.path("new_size") + "'"));
            case "os-set_bootable" -> {
                Boolean b = Json.bool(args, "bootable");
                if (b == null) {
                    throw VolumeError.INVALID_INPUT.exception("Must specify bootable in request.");
                }
                volumes.setBootable(caller, id, b);
                return ResponseEntity.ok().build();
            }
            case "os-update_readonly_flag" -> {
                Boolean ro = Json.bool(args, "readonly");
                if (ro == null) {
                    throw VolumeError.INVALID_INPUT.exception("Must specify readonly in request.");
                }
                volumes.setReadonly(caller, id, ro);
            }
            case "os-reserve" -> attachments.reserve(owned(caller, id, Policy.VOLUME_ATTACH));
            case "os-unreserve" -> attachments.unreserve(owned(caller, id, Policy.VOLUME_ATTACH));
            case "os-attach" -> {
                String instance = Json.id(args, "instance_uuid");
                String host = Json.string(args, "host_name", 255);
                if (instance == null && host == null) {
                    throw VolumeError.INVALID_INPUT.exception("Invalid request to attach volume to an invalid target");
                }
                String mode = Json.string(args, "mode", 2);
                if (mode != null && !mode.equals("rw") && !mode.equals("ro")) {
                    throw VolumeError.INVALID_INPUT.exception("Invalid request to attach volume with an invalid mode."
                            + " Attaching mode should be 'rw' or 'ro'");
                }
                attachments.attach(owned(caller, id, Policy.VOLUME_ATTACH), instance, host,
                        Json.string(args, "mountpoint", 255), mode == null ? "rw" : mode);
            }
            case "os-begin_detaching" -> attachments.beginDetaching(owned(caller, id, Policy.VOLUME_DETACH));
            case "os-roll_detaching" -> attachments.rollDetaching(owned(caller, id, Policy.VOLUME_DETACH));
            case "os-detach" -> attachments.detach(owned(caller, id, Policy.VOLUME_DETACH),
                    Json.id(args, "attachment_id"));
            case "os-initialize_connection" -> {
                VolumeConnection c = attachments.initializeConnection(owned(caller, id, Policy.VOLUME_ATTACH),
                        connector(args));
                return ResponseEntity.ok(new ConnectionInfo(c));
            }
            case "os-terminate_connection" ->
                    attachments.terminateConnection(owned(caller, id, Policy.VOLUME_DETACH), connector(args));
            case "os-volume_upload_image" -> {
                return ResponseEntity.accepted().body(new VolumeUpload.Reply(upload.start(caller, id, args, token)));
            }
            default -> throw VolumeError.BAD_REQUEST.exception("There is no such action: " + name);
        }
        return ResponseEntity.accepted().build();
    }

    private VolumeEntity owned(Caller caller, String id, Policy action) {
        VolumeEntity v = volumes.visible(caller, id);
        caller.require(action, v.getProjectId());
        return v;
    }

    private static VolumeBackend.Connector connector(JsonNode args) {
        if (!args.has("connector") || !args.get("connector").isObject()) {
            throw VolumeError.BAD_REQUEST.exception("Must specify 'connector'");
        }
        JsonNode c = args.get("connector");
        return new VolumeBackend.Connector(Json.string(c, "host", 255), Json.string(c, "initiator", 255),
                Json.string(c, "ip", 255));
    }
}
