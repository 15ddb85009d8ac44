package io.nubo.blockstorage.volume.snapshot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.api.Link;
import java.util.List;
import java.util.Map;

/**
 * A snapshot as Cinder 3.0 shows it; the extended attributes on show and detail only; group_snapshot_id from 3.14,
 * user_id from 3.41 (not in the summary list).
 */
public record SnapshotView(
        String id,
        @JsonProperty("volume_id") String volumeId,
        String name,
        String description,
        String status,
        int size,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt,
        Map<String, String> metadata,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("os-extended-snapshot-attributes:progress")
        String progress,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("os-extended-snapshot-attributes:project_id")
        String projectId,
        /** from microversion 3.14: the group snapshot, JSON null when none (Java null: not written) */
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("group_snapshot_id")
        tools.jackson.databind.JsonNode groupSnapshotId,
        /** from microversion 3.41: who made it (Java null before: not written) */
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("user_id")
        tools.jackson.databind.JsonNode userId) {

    public record One(SnapshotView snapshot) {
    }

    public record Many(List<SnapshotView> snapshots,
                       @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("snapshots_links") List<Link> links) {
    }
}
