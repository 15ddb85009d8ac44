package io.nubo.blockstorage.volume.transfer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An offer of one volume to another project; the auth_key itself is never stored, only a salted hash. */
@Entity
@Table(name = "volume_transfers")
public class TransferEntity {

    @Id
    private String id;
    @Column(name = "volume_id")
    private String volumeId;
    @Column(name = "project_id")
    private String projectId;
    private String name;
    private String salt;
    @Column(name = "key_hash")
    private String keyHash;
    @Column(name = "created_at")
    private Instant createdAt;

    protected TransferEntity() {
    }

    TransferEntity(String id, String volumeId, String projectId, String name, String salt, String keyHash,
                   Instant createdAt) {
        this.id = id;
        this.volumeId = volumeId;
        this.projectId = projectId;
        this.name = name;
        this.salt = salt;
        this.keyHash = keyHash;
        this.createdAt = createdAt;
    }

    public String getId() { return id; }
    public String getVolumeId() { return volumeId; }
    public String getProjectId() { return projectId; }
    public String getName() { return name; }
    public String getSalt() { return salt; }
    public String getKeyHash() { return keyHash; }
    public Instant getCreatedAt() { return createdAt; }
}
