package io.nubo.blockstorage.volume.group;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Json;
import io.nubo.blockstorage.request.Views;
import io.nubo.blockstorage.volume.VolumeController;
import io.nubo.shared.microversion.Microversions;
import io.nubo.shared.validation.ValidatedBody;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Microversion 3.14: {@code /group_snapshots}, as Cinder's {@code GroupSnapshotsController}: create (202, the
 * summary with {@code group_type_id}), list (id and name), detail and show, delete (202). Before 3.29 Cinder's list
 * takes no filter, sort or page. From 3.19 {@code action} {@code reset_status} (administrators, 202); {@code project_id}
 * is 3.58, not served here.
 */
@RestController
@RequestMapping("/v3/{projectId}/group_snapshots")
@Microversions(min = VolumeController.GROUP_SNAPSHOTS)
public class GroupSnapshotController {

    public record Summary(String id, String name) {
    }

    public record CreatedSummary(String id, String name, @JsonProperty("group_type_id") String groupTypeId) {
    }

    public record Created(@JsonProperty("group_snapshot") CreatedSummary groupSnapshot) {
    }

    public record View(String id, @JsonProperty("group_id") String groupId,
                       @JsonProperty("group_type_id") String groupTypeId, String status,
                       @JsonProperty("created_at") String createdAt, String name, String description) {
    }

    public record One(@JsonProperty("group_snapshot") View groupSnapshot) {
    }

    public record Summaries(@JsonProperty("group_snapshots") List<Summary> groupSnapshots) {
    }

    public record Many(@JsonProperty("group_snapshots") List<View> groupSnapshots) {
    }

    private final GroupSnapshotService groupSnapshots;

    public GroupSnapshotController(GroupSnapshotService groupSnapshots) {
        this.groupSnapshots = groupSnapshots;
    }

    static View view(GroupSnapshotEntity g) {
        return new View(g.getId(), g.getGroupId(), g.getGroupTypeId(), g.getStatus().wire(),
                Views.time(g.getCreatedAt()), g.getName(), g.getDescription());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ValidatedBody("block-storage/group-snapshot-create.json")
    public Created create(Caller caller, @RequestBody JsonNode body) {
        JsonNode g = body.get("group_snapshot");
        GroupSnapshotEntity made = groupSnapshots.create(caller, Json.string(g, "group_id"), Json.string(g, "name"),
                Json.string(g, "description"));
        return new Created(new CreatedSummary(made.getId(), made.getName(), made.getGroupTypeId()));
    }

    @GetMapping
    public Summaries list(Caller caller) {
        return new Summaries(groupSnapshots.list(caller).stream().map(g -> new Summary(g.getId(), g.getName()))
                .toList());
    }

    @GetMapping("/detail")
    public Many detail(Caller caller) {
        return new Many(groupSnapshots.list(caller).stream().map(GroupSnapshotController::view).toList());
    }

    @GetMapping("/{id}")
    public One show(Caller caller, @PathVariable String id) {
        return new One(view(groupSnapshots.get(caller, id)));
    }

    /** Microversion 3.19: an administrator sets a group snapshot's status (202, no body). */
    @PostMapping("/{id}/action")
    @Microversions(min = "3.19")
    @ValidatedBody("block-storage/group-snapshot-action.json")
    public ResponseEntity<Void> action(Caller caller, @PathVariable String id, @RequestBody JsonNode body) {
        groupSnapshots.resetStatus(caller, id, body.get("reset_status").get("status").asString());
        return ResponseEntity.accepted().build();
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        groupSnapshots.delete(caller, id);
        return ResponseEntity.accepted().build();
    }
}
