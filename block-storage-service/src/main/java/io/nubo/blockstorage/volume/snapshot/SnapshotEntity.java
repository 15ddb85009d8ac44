package io.nubo.blockstorage.volume.snapshot;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.DynamicUpdate;

/** A snapshot record; its status changes only through {@link SnapshotLifecycle}'s compare-and-swap. */
@Entity
@Table(name = "snapshots")
@DynamicUpdate
public class SnapshotEntity {

    @Id
    private String id;
    @Column(name = "volume_id")
    private String volumeId;
    @Column(name = "project_id")
    private String projectId;
    @Column(name = "user_id")
    private String userId;
    private String name;
    private String description;
    @Column(name = "size_gb")
    private int sizeGb;
    @Enumerated(EnumType.STRING)
    @Column(updatable = false)
    private SnapshotStatus status;
    @Column(updatable = false)
    private String failure;
    /** os-update_snapshot_status's progress (updatable only by the same compare-and-swap as the status) */
    @Column(updatable = false)
    private String progress;
    @Column(name = "created_at", updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Column(name = "deleted_at", updatable = false)
    private Instant deletedAt;
    /** microversion 3.14: the group snapshot this snapshot is part of */
    @Column(name = "group_snapshot_id", updatable = false)
    private String groupSnapshotId;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "snapshot_metadata", joinColumns = @JoinColumn(name = "snapshot_id"))
    @MapKeyColumn(name = "meta_key")
    @Column(name = "meta_value")
    @BatchSize(size = 100)
    private Map<String, String> metadata = new TreeMap<>();

    protected SnapshotEntity() {
    }

    public SnapshotEntity(String id, String volumeId, String projectId, String userId, int sizeGb, Instant createdAt) {
        this.id = id;
        this.volumeId = volumeId;
        this.projectId = projectId;
        this.userId = userId;
        this.sizeGb = sizeGb;
        this.status = SnapshotStatus.CREATING;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    public String getId() { return id; }
    public String getVolumeId() { return volumeId; }
    public String getProjectId() { return projectId; }
    public String getUserId() { return userId; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public int getSizeGb() { return sizeGb; }
    public SnapshotStatus getStatus() { return status; }
    public String getFailure() { return failure; }
    public String getProgress() { return progress; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(Instant updatedAt) { this.updatedAt = updatedAt; }
    public Map<String, String> getMetadata() { return metadata; }
    public String getGroupSnapshotId() { return groupSnapshotId; }
    public void setGroupSnapshotId(String groupSnapshotId) { this.groupSnapshotId = groupSnapshotId; }
}
