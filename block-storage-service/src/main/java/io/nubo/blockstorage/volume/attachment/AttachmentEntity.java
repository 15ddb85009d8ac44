package io.nubo.blockstorage.volume.attachment;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One attachment of a volume to an instance (or host); detached ones are kept with their detach time. */
@Entity
@Table(name = "volume_attachments")
public class AttachmentEntity {

    @Id
    private String id;
    @Column(name = "volume_id")
    private String volumeId;
    @Column(name = "project_id")
    private String projectId;
    @Column(name = "instance_uuid")
    private String instanceUuid;
    @Column(name = "attached_host")
    private String attachedHost;
    private String mountpoint;
    @Enumerated(EnumType.STRING)
    @Column(name = "attach_status")
    private AttachStatus attachStatus;
    @Column(name = "attach_mode")
    private String attachMode;
    private String connector;
    /** 3.27: the connection info answered for the connector (JSON), null when none was asked for */
    @Column(name = "connection_info")
    private String connectionInfo;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "attached_at")
    private Instant attachedAt;
    @Column(name = "detached_at")
    private Instant detachedAt;

    protected AttachmentEntity() {
    }

    public AttachmentEntity(String id, String volumeId, String projectId, String instanceUuid, String attachMode,
                            AttachStatus status, Instant createdAt) {
        this.id = id;
        this.volumeId = volumeId;
        this.projectId = projectId;
        this.instanceUuid = instanceUuid;
        this.attachMode = attachMode;
        this.attachStatus = status;
        this.createdAt = createdAt;
    }

    public String getId() { return id; }
    public String getVolumeId() { return volumeId; }
    public String getProjectId() { return projectId; }
    public String getInstanceUuid() { return instanceUuid; }
    public String getAttachedHost() { return attachedHost; }
    public void setAttachedHost(String attachedHost) { this.attachedHost = attachedHost; }
    public String getMountpoint() { return mountpoint; }
    public void setMountpoint(String mountpoint) { this.mountpoint = mountpoint; }
    public AttachStatus getAttachStatus() { return attachStatus; }
    public void setAttachStatus(AttachStatus attachStatus) { this.attachStatus = attachStatus; }
    public String getAttachMode() { return attachMode; }
    public void setAttachMode(String attachMode) { this.attachMode = attachMode; }
    public String getConnector() { return connector; }
    public void setConnector(String connector) { this.connector = connector; }
    public String getConnectionInfo() { return connectionInfo; }
    public void setConnectionInfo(String connectionInfo) { this.connectionInfo = connectionInfo; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getAttachedAt() { return attachedAt; }
    public void setAttachedAt(Instant attachedAt) { this.attachedAt = attachedAt; }
    public Instant getDetachedAt() { return detachedAt; }
    public void setDetachedAt(Instant detachedAt) { this.detachedAt = detachedAt; }
}
