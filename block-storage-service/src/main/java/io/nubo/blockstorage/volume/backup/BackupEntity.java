package io.nubo.blockstorage.volume.backup;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/** A backup's record; its status changes only through {@link BackupLifecycle}'s compare-and-swap. */
@Entity
@Table(name = "backups")
@DynamicUpdate
public class BackupEntity {

    @Id
    private String id;
    @Column(name = "project_id")
    private String projectId;
    @Column(name = "user_id")
    private String userId;
    @Column(name = "volume_id")
    private String volumeId;
    @Column(name = "snapshot_id")
    private String snapshotId;
    private String name;
    private String description;
    @Enumerated(EnumType.STRING)
    @Column(updatable = false)
    private BackupStatus status;
    @Column(name = "size_gb")
    private int sizeGb;
    private String container;
    @Column(name = "object_prefix")
    private String objectPrefix;
    @Column(name = "object_count", updatable = false)
    private int objectCount;
    @Column(name = "restore_volume_id", updatable = false)
    private String restoreVolumeId;
    @Column(updatable = false)
    private String failure;
    @Column(name = "created_at", updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Column(name = "data_timestamp")
    private Instant dataTimestamp;
    @Column(name = "deleted_at", updatable = false)
    private Instant deletedAt;

    protected BackupEntity() {
    }

    BackupEntity(String id, String projectId, String userId, String volumeId, String snapshotId, int sizeGb,
                 String container, String objectPrefix, Instant now) {
        this.id = id;
        this.projectId = projectId;
        this.userId = userId;
        this.volumeId = volumeId;
        this.snapshotId = snapshotId;
        this.sizeGb = sizeGb;
        this.container = container;
        this.objectPrefix = objectPrefix;
        this.status = BackupStatus.CREATING;
        this.createdAt = now;
        this.updatedAt = now;
        this.dataTimestamp = now;
    }

    public String getId() { return id; }
    public String getProjectId() { return projectId; }
    public String getUserId() { return userId; }
    public String getVolumeId() { return volumeId; }
    public String getSnapshotId() { return snapshotId; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public void setUpdatedAt(Instant updatedAt) { this.updatedAt = updatedAt; }
    public BackupStatus getStatus() { return status; }
    public int getSizeGb() { return sizeGb; }
    public String getContainer() { return container; }
    public String getObjectPrefix() { return objectPrefix; }
    public int getObjectCount() { return objectCount; }
    public String getFailure() { return failure; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public Instant getDataTimestamp() { return dataTimestamp; }
}
