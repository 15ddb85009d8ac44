package io.nubo.identity.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
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
}
