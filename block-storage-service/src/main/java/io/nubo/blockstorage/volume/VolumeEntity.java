package io.nubo.blockstorage.volume;

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

/**
 * A volume record. Status and size are not updatable through the entity: only {@link VolumeLifecycle}'s
 * compare-and-swap queries change them, so an update of the name that races with a delete cannot write back a
 * stale status.
 */
@Entity
@Table(name = "volumes")
@DynamicUpdate
public class VolumeEntity {

    @Id
    private String id;
    @Column(name = "project_id")
    private String projectId;
    @Column(name = "user_id")
    private String userId;
    private String name;
    private String description;
    @Column(name = "size_gb", updatable = false)
    private int sizeGb;
    @Enumerated(EnumType.STRING)
    @Column(updatable = false)
    private VolumeStatus status;
    @Column(name = "availability_zone")
    private String availabilityZone;
    @Column(name = "volume_type_id")
    private String volumeTypeId;
    private String backend;
    private boolean bootable;
    /** null until os-update_readonly_flag sets it (Cinder's admin metadata, shown in metadata only then) */
    private Boolean readonly;
    @Column(name = "source_volid")
    private String sourceVolid;
    @Column(name = "snapshot_id")
    private String snapshotId;
    @Column(name = "image_id")
    private String imageId;
    @Column(name = "group_id")
    private String groupId;
    @Column(updatable = false)
    private String failure;
    @Column(name = "created_at", updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Column(name = "deleted_at", updatable = false)
    private Instant deletedAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "volume_metadata", joinColumns = @JoinColumn(name = "volume_id"))
    @MapKeyColumn(name = "meta_key")
    @Column(name = "meta_value")
    @BatchSize(size = 100)
    private Map<String, String> metadata = new TreeMap<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "volume_image_metadata", joinColumns = @JoinColumn(name = "volume_id"))
    @MapKeyColumn(name = "meta_key")
    @Column(name = "meta_value")
    @BatchSize(size = 100)
    private Map<String, String> imageMetadata = new TreeMap<>();

    protected VolumeEntity() {
    }

    public VolumeEntity(String id, String projectId, String userId, int sizeGb, String availabilityZone,
                        String volumeTypeId, String backend, Instant createdAt) {
        this.id = id;
        this.projectId = projectId;
        this.userId = userId;
        this.sizeGb = sizeGb;
        this.status = VolumeStatus.CREATING;
        this.availabilityZone = availabilityZone;
        this.volumeTypeId = volumeTypeId;
        this.backend = backend;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    public String getId() { return id; }
    public String getProjectId() { return projectId; }
    public String getUserId() { return userId; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public int getSizeGb() { return sizeGb; }
    public VolumeStatus getStatus() { return status; }
    public String getAvailabilityZone() { return availabilityZone; }
    public String getVolumeTypeId() { return volumeTypeId; }
    public String getGroupId() { return groupId; }
    public void setGroupId(String groupId) { this.groupId = groupId; }
    public String getBackend() { return backend; }
    public boolean isBootable() { return bootable; }
    public void setBootable(boolean bootable) { this.bootable = bootable; }
    public Boolean getReadonly() { return readonly; }
    public void setReadonly(Boolean readonly) { this.readonly = readonly; }
    public String getSourceVolid() { return sourceVolid; }
    public void setSourceVolid(String sourceVolid) { this.sourceVolid = sourceVolid; }
    public String getSnapshotId() { return snapshotId; }
    public void setSnapshotId(String snapshotId) { this.snapshotId = snapshotId; }
    public String getImageId() { return imageId; }
    public void setImageId(String imageId) { this.imageId = imageId; }
    public String getFailure() { return failure; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(Instant updatedAt) { this.updatedAt = updatedAt; }
    /** Only for a new record that does not start creating (a managed volume starts managing). */
    void startAs(VolumeStatus initial) { this.status = initial; }
    public Instant getDeletedAt() { return deletedAt; }
    public Map<String, String> getMetadata() { return metadata; }
    public Map<String, String> getImageMetadata() { return imageMetadata; }
}
