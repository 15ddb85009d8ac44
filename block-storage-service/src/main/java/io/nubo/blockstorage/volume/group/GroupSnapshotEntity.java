package io.nubo.blockstorage.volume.group;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A group snapshot (microversion 3.14): one snapshot of each volume of its group, each naming it; its status changes
 * only by {@link GroupSnapshotTransition}'s compare-and-swap.
 */
@Entity
@Table(name = "group_snapshots")
public class GroupSnapshotEntity {

    @Id
    private String id;
    @Column(name = "project_id", updatable = false)
    private String projectId;
    @Column(name = "user_id", updatable = false)
    private String userId;
    @Column(name = "group_id", updatable = false)
    private String groupId;
    @Column(name = "group_type_id", updatable = false)
    private String groupTypeId;
    @Column(updatable = false)
    private String name;
    @Column(updatable = false)
    private String description;
    @Enumerated(EnumType.STRING)
    @Column(updatable = false)
    private GroupSnapshotStatus status;
    @Column(name = "created_at", updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at", updatable = false)
    private Instant updatedAt;

    protected GroupSnapshotEntity() {
    }

    GroupSnapshotEntity(String id, String projectId, String userId, GroupEntity group, String name,
                        String description, Instant createdAt) {
        this.id = id;
        this.projectId = projectId;
        this.userId = userId;
        this.groupId = group.getId();
        this.groupTypeId = group.getGroupTypeId();
        this.name = name;
        this.description = description;
        this.status = GroupSnapshotStatus.CREATING;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    public String getId() { return id; }
    public String getProjectId() { return projectId; }
    public String getUserId() { return userId; }
    public String getGroupId() { return groupId; }
    public String getGroupTypeId() { return groupTypeId; }
    public String getName() { return name; }
    public String getDescription() { return description; }
    public GroupSnapshotStatus getStatus() { return status; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
}
