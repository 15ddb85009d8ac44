package io.nubo.objectstore.object;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * An object's name and metadata; its bytes are a blob under {@code blobKey}. A DLO keeps its
 * {@code container/prefix} in {@code manifest}, an SLO its segment list (JSON).
 */
@Entity
@Table(name = "objects")
public class ObjectEntity {

    @Id
    private String id;
    @Column(name = "container_id")
    private String containerId;
    private String name;
    @Column(name = "blob_key")
    private String blobKey;
    @Column(name = "size_bytes")
    private long sizeBytes;
    private String etag;
    @Column(name = "content_type")
    private String contentType;
    @Column(name = "modified_at")
    private Instant modifiedAt;
    @Column(name = "delete_at")
    private Long deleteAt;
    @Enumerated(EnumType.STRING)
    private ObjectKind kind;
    private String manifest;
    private String metadata;
    /** Bumped by every update: a write based on a row read before a concurrent change fails instead of undoing it. */
    /**
     * Null until the row is inserted: Spring Data then takes the entity as new and persists it, where a primitive
     * version (and the assigned id) made every first write a merge, one SELECT by id more per PUT.
     */
    @Version
    @Column(name = "row_version")
    private Long rowVersion;

    protected ObjectEntity() {
    }

    public ObjectEntity(String id, String containerId, String name) {
        this.id = id;
        this.containerId = containerId;
        this.name = name;
    }

    public String getId() {
        return id;
    }

    public String getContainerId() {
        return containerId;
    }

    public String getName() {
        return name;
    }

    public String getBlobKey() {
        return blobKey;
    }

    public void setBlobKey(String blobKey) {
        this.blobKey = blobKey;
    }

    public long getSizeBytes() {
        return sizeBytes;
    }

    public void setSizeBytes(long sizeBytes) {
        this.sizeBytes = sizeBytes;
    }

    public String getEtag() {
        return etag;
    }

    public void setEtag(String etag) {
        this.etag = etag;
    }

    public String getContentType() {
        return contentType;
    }

    public void setContentType(String contentType) {
        this.contentType = contentType;
    }

    public Instant getModifiedAt() {
        return modifiedAt;
    }

    public void setModifiedAt(Instant modifiedAt) {
        this.modifiedAt = modifiedAt;
    }

    public Long getDeleteAt() {
        return deleteAt;
    }

    public void setDeleteAt(Long deleteAt) {
        this.deleteAt = deleteAt;
    }

    public ObjectKind getKind() {
        return kind;
    }

    public void setKind(ObjectKind kind) {
        this.kind = kind;
    }

    public String getManifest() {
        return manifest;
    }

    public void setManifest(String manifest) {
        this.manifest = manifest;
    }

    public String getMetadata() {
        return metadata;
    }

    public void setMetadata(String metadata) {
        this.metadata = metadata;
    }

    /** Expired objects are gone for readers even before the sweeper removes them. */
    public boolean expired(long nowEpochSeconds) {
        return expired(deleteAt, nowEpochSeconds);
    }

    /** Whether an object with this {@code X-Delete-At} (null: none) has expired at {@code nowEpochSeconds}. */
    static boolean expired(Long deleteAt, long nowEpochSeconds) {
        return deleteAt != null && deleteAt <= nowEpochSeconds;
    }
}
