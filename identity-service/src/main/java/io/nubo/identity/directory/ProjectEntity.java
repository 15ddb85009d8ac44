package io.nubo.identity.directory;

import io.nubo.identity.readcache.EntityChanges;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

@Entity
@EntityListeners(EntityChanges.class)
@Table(name = "projects")
public class ProjectEntity {

    @Id
    private String id;
    private String name;
    @Column(name = "domain_id")
    private String domainId;
    @Column(name = "parent_id")
    private String parentId;
    private String description;
    private boolean enabled;
    @Column(name = "is_domain")
    private boolean isDomain;
    @Convert(converter = ExtraAttributes.class)
    private Map<String, Object> extra = new LinkedHashMap<>();
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "project_tags", joinColumns = @JoinColumn(name = "project_id"))
    @Column(name = "name")
    private Set<String> tags = new TreeSet<>();

    protected ProjectEntity() {
    }

    public ProjectEntity(String id, String name, String domainId, String parentId, String description, boolean enabled) {
        this.id = id;
        this.name = name;
        this.domainId = domainId;
        this.parentId = parentId;
        this.description = description;
        this.enabled = enabled;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getDomainId() {
        return domainId;
    }

    public String getParentId() {
        return parentId;
    }

    public String getDescription() {
        return description;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public boolean isDomain() {
        return isDomain;
    }

    public void rename(String name) {
        this.name = name;
    }

    public void describe(String description) {
        this.description = description;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Map<String, Object> getExtra() {
        return extra;
    }

    public void setExtra(Map<String, Object> extra) {
        this.extra = new LinkedHashMap<>(extra);
    }

    /** The project's tags, sorted; changed in place. */
    public Set<String> getTags() {
        return tags;
    }
}
