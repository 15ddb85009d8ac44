package io.nubo.blockstorage.volume.group;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/** A generic volume group (microversion 3.13): its group type, the volume types its volumes may have. */
@Entity
@Table(name = "volume_groups")
public class GroupEntity {

    @Id
    private String id;
    @Column(name = "project_id", updatable = false)
    private String projectId;
    @Column(name = "user_id", updatable = false)
    private String userId;
    private String name;
    private String description;
    private String status;
    @Column(name = "availability_zone", updatable = false)
    private String availabilityZone;
    @Column(name = "group_type_id", updatable = false)
    private String groupTypeId;
    @Column(name = "created_at", updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    /** 3.14 create-from-src: the group snapshot or the group it was made from, and how many volumes it gets */
    @Column(name = "group_snapshot_id", updatable = false)
    private String groupSnapshotId;
    @Column(name = "source_group_id", updatable = false)
    private String sourceGroupId;
    @Column(name = "members_expected", updatable = false)
    private Integer membersExpected;
    /** 3.38: Cinder's replication_status of the group ({@code disabled} when made) */
    @Column(name = "replication_status")
    private String replicationStatus = "disabled";

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "volume_group_types", joinColumns = @JoinColumn(name = "group_id"))
    @Column(name = "volume_type_id")
    private Set<String> volumeTypeIds = new TreeSet<>();

    protected GroupEntity() {
    }

    GroupEntity(String id, String projectId, String userId, String name, String description, String status,
                String availabilityZone, String groupTypeId, Set<String> volumeTypeIds, Instant createdAt) {
        this.id = id;
        this.projectId = projectId;
        this.userId = userId;
        this.name = name;
        this.description = description;
        this.status = status;
        this.availabilityZone = availabilityZone;
        this.groupTypeId = groupTypeId;
        this.volumeTypeIds.addAll(volumeTypeIds);
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    public String getId() { return id; }
    public String getProjectId() { return projectId; }
    public String getUserId() { return userId; }
    public String getName() { return name; }
    void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    void setDescription(String description) { this.description = description; }
    public String getStatus() { return status; }
    public String getAvailabilityZone() { return availabilityZone; }
    public String getGroupTypeId() { return groupTypeId; }
    public Set<String> getVolumeTypeIds() { return volumeTypeIds; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    void setUpdatedAt(Instant updatedAt) { this.updatedAt = updatedAt; }
    public String getGroupSnapshotId() { return groupSnapshotId; }
    public String getSourceGroupId() { return sourceGroupId; }
    public Integer getMembersExpected() { return membersExpected; }
    public String getReplicationStatus() { return replicationStatus; }
    void setReplicationStatus(String replicationStatus) { this.replicationStatus = replicationStatus; }
    void setStatus(String status) { this.status = status; }

    /** 3.14: a group made from a group snapshot or another group, creating until its volumes are made. */
    void madeFrom(String groupSnapshotId, String sourceGroupId, int membersExpected) {
        this.groupSnapshotId = groupSnapshotId;
        this.sourceGroupId = sourceGroupId;
        this.membersExpected = membersExpected;
    }
}
