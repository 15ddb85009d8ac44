package io.nubo.identity.catalog;

import io.nubo.identity.readcache.EntityChanges;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@EntityListeners(EntityChanges.class)
@Table(name = "endpoints")
public class EndpointEntity {

    @Id
    private String id;
    @Column(name = "service_id")
    private String serviceId;
    @Column(name = "interface")
    private String iface;
    @Column(name = "region_id")
    private String regionId;
    private String url;
    private boolean enabled;
    /** Created by bootstrap from the public URL, and rewritten when that URL changes. */
    private boolean bootstrap;

    protected EndpointEntity() {
    }

    public EndpointEntity(String id, String serviceId, String iface, String regionId, String url, boolean bootstrap) {
        this.id = id;
        this.serviceId = serviceId;
        this.iface = iface;
        this.regionId = regionId;
        this.url = url;
        this.enabled = true;
        this.bootstrap = bootstrap;
    }

    public String getId() {
        return id;
    }

    public String getServiceId() {
        return serviceId;
    }

    public String getInterface() {
        return iface;
    }

    public String getRegionId() {
        return regionId;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public boolean isBootstrap() {
        return bootstrap;
    }

    public void update(String serviceId, String iface, String regionId, String url, Boolean enabled) {
        if (serviceId != null) {
            this.serviceId = serviceId;
        }
        if (iface != null) {
            this.iface = iface;
        }
        if (regionId != null) {
            this.regionId = regionId;
        }
        if (url != null) {
            this.url = url;
        }
        if (enabled != null) {
            this.enabled = enabled;
        }
        this.bootstrap = false;
    }
}
