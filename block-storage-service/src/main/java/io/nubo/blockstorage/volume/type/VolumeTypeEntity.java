package io.nubo.blockstorage.volume.type;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** A volume type and its extra specs; {@code volume_backend_name} chooses the backend. */
@Entity
@Table(name = "volume_types")
public class VolumeTypeEntity {

    @Id
    private String id;
    private String name;
    private String description;
    @Column(name = "is_public")
    private boolean isPublic;
    @Column(name = "created_at", updatable = false)
    private Instant createdAt;
    /** the QoS specs associated with the type (qos-specs/{id}/associate), or null */
    @Column(name = "qos_specs_id")
    private String qosSpecsId;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "volume_type_extra_specs", joinColumns = @JoinColumn(name = "volume_type_id"))
    @MapKeyColumn(name = "spec_key")
    @Column(name = "spec_value")
    private Map<String, String> extraSpecs = new TreeMap<>();

    /** the projects that may use the type while it is private (os-volume-type-access) */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "volume_type_projects", joinColumns = @JoinColumn(name = "volume_type_id"))
    @Column(name = "project_id")
    private Set<String> projects = new TreeSet<>();

    protected VolumeTypeEntity() {
    }

    public VolumeTypeEntity(String id, String name, String description, boolean isPublic, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.description = description;
        this.isPublic = isPublic;
        this.createdAt = createdAt;
    }

    public String getId() { return id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public boolean isPublic() { return isPublic; }
    public void setPublic(boolean isPublic) { this.isPublic = isPublic; }
    public Instant getCreatedAt() { return createdAt; }
    public String getQosSpecsId() { return qosSpecsId; }
    public void setQosSpecsId(String qosSpecsId) { this.qosSpecsId = qosSpecsId; }
    public Map<String, String> getExtraSpecs() { return extraSpecs; }
    public Set<String> getProjects() { return projects; }
}
