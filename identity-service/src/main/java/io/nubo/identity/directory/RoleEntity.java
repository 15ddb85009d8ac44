package io.nubo.identity.directory;

import io.nubo.identity.readcache.EntityChanges;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@EntityListeners(EntityChanges.class)
@Table(name = "roles")
public class RoleEntity {

    /** Stored in domain_id for a global role, so that (domain, name) is unique without NULLs. */
    public static final String GLOBAL = "<<global>>";

    @Id
    private String id;
    private String name;
    @Column(name = "domain_id")
    private String domainId;
    private String description;

    protected RoleEntity() {
    }

    public RoleEntity(String id, String name, String domainId, String description) {
        this.id = id;
        this.name = name;
        this.domainId = domainId == null ? GLOBAL : domainId;
        this.description = description;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    /** The owning domain, or null for a global role. */
    public String getDomainId() {
        return GLOBAL.equals(domainId) ? null : domainId;
    }

    public String getDescription() {
        return description;
    }

    public void rename(String name) {
        this.name = name;
    }

    public void describe(String description) {
        this.description = description;
    }
}
