package io.nubo.image.image;

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
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.DynamicUpdate;

/**
 * An image record. Status and the data fields (size, checksums, location) are not updatable through the entity:
 * only {@link ImageLifecycle}'s compare-and-swap queries change them, so a metadata update that races with an
 * upload can never write back a stale status.
 */
@Entity
@Table(name = "images")
@DynamicUpdate
public class ImageEntity {

    @Id
    private String id;
    private String name;
    private String owner;
    @Enumerated(EnumType.STRING)
    @Column(updatable = false)
    private ImageStatus status;
    @Enumerated(EnumType.STRING)
    private Visibility visibility;
    @Column(name = "disk_format")
    private String diskFormat;
    @Column(name = "container_format")
    private String containerFormat;
    @Column(name = "size_bytes", updatable = false)
    private Long size;
    @Column(name = "virtual_size", updatable = false)
    private Long virtualSize;
    @Column(updatable = false)
    private String checksum;
    @Column(name = "os_hash_algo", updatable = false)
    private String osHashAlgo;
    @Column(name = "os_hash_value", updatable = false)
    private String osHashValue;
    @Column(name = "protected")
    private boolean isProtected;
    @Column(name = "min_disk")
    private int minDisk;
    @Column(name = "min_ram")
    private int minRam;
    @Column(name = "os_hidden")
    private boolean osHidden;
    @Column(name = "store_name", updatable = false)
    private String storeName;
    @Column(updatable = false)
    private String location;
    @Column(name = "location_metadata")
    private String locationMetadata;
    @Column(name = "staged_location", updatable = false)
    private String stagedLocation;
    @Column(name = "created_at", updatable = false)
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Column(name = "deleted_at", updatable = false)
    private Instant deletedAt;
    /** Until when the instance uploading or importing this image holds it (renewed while it works). */
    @Column(name = "work_lease_until", insertable = false, updatable = false)
    private Instant workLeaseUntil;
    /** The instance that holds the lease ({@code ImageLifecycle}'s identity). */
    @Column(name = "work_lease_holder", insertable = false, updatable = false)
    private String workLeaseHolder;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "image_properties", joinColumns = @JoinColumn(name = "image_id"))
    @MapKeyColumn(name = "name")
    @Column(name = "prop_value")
    @BatchSize(size = 100)
    private Map<String, String> properties = new TreeMap<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "image_tags", joinColumns = @JoinColumn(name = "image_id"))
    @Column(name = "tag")
    @BatchSize(size = 100)
    private Set<String> tags = new HashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "image_locations", joinColumns = @JoinColumn(name = "image_id"))
    @OrderColumn(name = "position")
    @BatchSize(size = 100)
    private List<ExtraLocation> extraLocations = new ArrayList<>();

    protected ImageEntity() {
    }

    public ImageEntity(String id, String owner, Instant now) {
        this.id = id;
        this.owner = owner;
        this.status = ImageStatus.QUEUED;
        this.visibility = Visibility.SHARED;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public ImageStatus getStatus() {
        return status;
    }

    public Visibility getVisibility() {
        return visibility;
    }

    public void setVisibility(Visibility visibility) {
        this.visibility = visibility;
    }

    public String getDiskFormat() {
        return diskFormat;
    }

    public void setDiskFormat(String diskFormat) {
        this.diskFormat = diskFormat;
    }

    public String getContainerFormat() {
        return containerFormat;
    }

    public void setContainerFormat(String containerFormat) {
        this.containerFormat = containerFormat;
    }

    public Long getSize() {
        return size;
    }

    public Long getVirtualSize() {
        return virtualSize;
    }

    public String getChecksum() {
        return checksum;
    }

    public String getOsHashAlgo() {
        return osHashAlgo;
    }

    public String getOsHashValue() {
        return osHashValue;
    }

    public boolean isProtected() {
        return isProtected;
    }

    public void setProtected(boolean isProtected) {
        this.isProtected = isProtected;
    }

    public int getMinDisk() {
        return minDisk;
    }

    public void setMinDisk(int minDisk) {
        this.minDisk = minDisk;
    }

    public int getMinRam() {
        return minRam;
    }

    public void setMinRam(int minRam) {
        this.minRam = minRam;
    }

    public boolean isOsHidden() {
        return osHidden;
    }

    public void setOsHidden(boolean osHidden) {
        this.osHidden = osHidden;
    }

    public String getStoreName() {
        return storeName;
    }

    public String getLocation() {
        return location;
    }

    /** The first location's metadata as a JSON object, null for {@code {}}. */
    public String getLocationMetadata() {
        return locationMetadata;
    }

    public void setLocationMetadata(String locationMetadata) {
        this.locationMetadata = locationMetadata;
    }

    /** The locations after the first, in order (the first is {@link #getLocation()}). */
    public List<ExtraLocation> getExtraLocations() {
        return extraLocations;
    }

    public String getStagedLocation() {
        return stagedLocation;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void touch(Instant now) {
        this.updatedAt = now;
    }

    public Instant getDeletedAt() {
        return deletedAt;
    }

    public Map<String, String> getProperties() {
        return properties;
    }

    public Set<String> getTags() {
        return tags;
    }
}
