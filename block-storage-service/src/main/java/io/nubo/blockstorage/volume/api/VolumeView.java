package io.nubo.blockstorage.volume.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.nubo.shared.api.Link;
import java.util.List;
import java.util.Map;

/**
 * A volume as Cinder 3.0 shows it. The fields of the core view are always written (null where Cinder writes null);
 * the extension attributes ({@code os-vol-*}) and {@code volume_image_metadata} only where Cinder adds them: show
 * and detail, not the create and update answers, and the host and migration ones to admins only (no migrations here: those are null).
 */
@JsonPropertyOrder(alphabetic = true)
public record VolumeView(
        String id,
        String name,
        String description,
        String status,
        int size,
        @JsonProperty("availability_zone") String availabilityZone,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("user_id") String userId,
        @JsonProperty("volume_type") String volumeType,
        @JsonProperty("snapshot_id") String snapshotId,
        @JsonProperty("source_volid") String sourceVolid,
        String bootable,
        boolean encrypted,
        boolean multiattach,
        @JsonProperty("replication_status") String replicationStatus,
        @JsonProperty("consistencygroup_id") String consistencygroupId,
        Map<String, String> metadata,
        List<AttachmentSummary> attachments,
        List<Link> links,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("os-vol-tenant-attr:tenant_id") String tenantId,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("os-vol-host-attr:host") String host,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("volume_image_metadata")
        Map<String, String> volumeImageMetadata,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("migration_status") AdminNull migrationStatus,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("os-vol-mig-status-attr:migstat")
        AdminNull migstat,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("os-vol-mig-status-attr:name_id")
        AdminNull nameId,
        /** from microversion 3.13: the generic group, JSON null when none (Java null: not written) */
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("group_id") tools.jackson.databind.JsonNode groupId,
        /**
         * from microversion 3.21, to administrators: the backend's id of the volume; no Nubo driver sets one (as
         * Cinder's LVM and RBD drivers), so always JSON null when shown
         */
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("provider_id") AdminNull providerId) {

    /**
     * An attribute Cinder shows admins only and, with no migrations here, always as {@code null}: the field is
     * left out for others (the reference is null) and written as JSON null for admins ({@link #SHOWN}).
     */
    public record AdminNull() {
        public static final AdminNull SHOWN = new AdminNull();

        @com.fasterxml.jackson.annotation.JsonValue
        public Object value() {
            return null;
        }
    }

    /** One attachment, as a volume's {@code attachments} list shows it. */
    public record AttachmentSummary(
            String id,
            @JsonProperty("attachment_id") String attachmentId,
            @JsonProperty("volume_id") String volumeId,
            @JsonProperty("server_id") String serverId,
            @JsonProperty("host_name") String hostName,
            String device,
            @JsonProperty("attached_at") String attachedAt) {
    }

    public record One(VolumeView volume) {
    }

    public record Many(List<VolumeView> volumes,
                       @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("volumes_links") List<Link> links) {
    }

    /** {@code GET /volumes}: id, name and links only. */
    public record Summary(String id, String name, List<Link> links) {
    }

    public record Summaries(List<Summary> volumes,
                            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("volumes_links")
                            List<Link> links) {
    }
}
