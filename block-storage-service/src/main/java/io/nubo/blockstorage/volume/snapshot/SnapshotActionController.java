package io.nubo.blockstorage.volume.snapshot;

import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Json;
import io.nubo.shared.validation.ValidatedBody;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /snapshots/{id}/action}: Cinder's snapshot admin actions (os-reset_status, os-force_delete) and
 * os-update_snapshot_status; one action per request (snapshot-action.json), answered 202 without a body.
 */
@RestController
public class SnapshotActionController {

    private final SnapshotService service;

    public SnapshotActionController(SnapshotService service) {
        this.service = service;
    }

    @PostMapping("/v3/{projectId}/snapshots/{id}/action")
    @ValidatedBody("block-storage/snapshot-action.json")
    public ResponseEntity<Void> action(Caller caller, @PathVariable String id, @RequestBody JsonNode body) {
        String name = body.properties().iterator().next().getKey();
        JsonNode args = body.get(name);
        switch (name) {
            case "os-reset_status" -> service.resetStatus(caller, id, Json.string(args, "status"));
            case "os-force_delete" -> service.delete(caller, id, true);
            case "os-update_snapshot_status" -> service.updateStatus(caller, id, Json.string(args, "status"),
                    Json.string(args, "progress"));
            default -> throw new IllegalStateException("snapshot-action.json admits " + name + " but no case serves it");
        }
        return ResponseEntity.accepted().build();
    }
}
