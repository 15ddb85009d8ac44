package io.nubo.identity.catalog;

import io.nubo.identity.readcache.EntityChanges;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@EntityListeners(EntityChanges.class)
@Table(name = "services")
public class ServiceEntity {

    @Id
    private String id;
    private String type;
    private String name;
    private String description;
    private boolean enabled;

    protected ServiceEntity() {
    }

    public ServiceEntity(String id, String type, String name, String description) {
        this.id = id;
        this.type = type;
        this.name = name;
        this.description = description;
        this.enabled = true;
    }

    public String getId() {
        return id;
    }

    public String getType() {
        return type;
    }

    public String getName() {
        return name;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public String getDescription() {
        return description;
    }

    public void update(String type, String name, String description, Boolean enabled) {
        if (type != null) {
            this.type = type;
        }
        if (name != null) {
            this.name = name;
        }
        if (description != null) {
            this.description = description;
        }
        if (enabled != null) {
            this.enabled = enabled;
        }
    }
}
