package io.nubo.blockstorage.group;

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
import java.util.TreeMap;

/** A group type (microversion 3.11) and its group specs. */
@Entity
@Table(name = "group_types")
public class GroupTypeEntity {

    @Id
    private String id;
    private String name;
    private String description;
    @Column(name = "is_public")
    private boolean isPublic;
    @Column(name = "created_at", updatable = false)
    private Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "group_type_specs", joinColumns = @JoinColumn(name = "group_type_id"))
    @MapKeyColumn(name = "spec_key")
    @Column(name = "spec_value")
    private Map<String, String> groupSpecs = new TreeMap<>();

    protected GroupTypeEntity() {
    }

    GroupTypeEntity(String id, String name, String description, boolean isPublic, Instant createdAt) {
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
    public Map<String, String> getGroupSpecs() { return groupSpecs; }
}
