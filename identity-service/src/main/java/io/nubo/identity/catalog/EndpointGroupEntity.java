package io.nubo.identity.catalog;

import io.nubo.identity.directory.ExtraAttributes;
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
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** An OS-EP-FILTER endpoint group: endpoints matching its filters, shown in the catalog of its projects. */
@Entity
@EntityListeners(EntityChanges.class)
@Table(name = "endpoint_groups")
public class EndpointGroupEntity {

    @Id
    private String id;
    private String name;
    private String description;
    @Convert(converter = ExtraAttributes.class)
    private Map<String, Object> filters = new LinkedHashMap<>();
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "project_endpoint_groups", joinColumns = @JoinColumn(name = "endpoint_group_id"))
    @Column(name = "project_id")
    private Set<String> projectIds = new LinkedHashSet<>();

    protected EndpointGroupEntity() {
    }

    public EndpointGroupEntity(String id, String name, String description, Map<String, Object> filters) {
        this.id = id;
        this.name = name;
        this.description = description;
        this.filters = new LinkedHashMap<>(filters);
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public Map<String, Object> getFilters() {
        return filters;
    }

    public Set<String> getProjectIds() {
        return projectIds;
    }

    public void update(String name, String description, Map<String, Object> filters) {
        if (name != null) {
            this.name = name;
        }
        if (description != null) {
            this.description = description;
        }
        if (filters != null) {
            this.filters = new LinkedHashMap<>(filters);
        }
    }

    /** True when the endpoint matches every filter (service_id, region_id, interface). */
    boolean matches(EndpointEntity e) {
        return filters.entrySet().stream().allMatch(f -> switch (f.getKey()) {
            case "service_id" -> f.getValue().equals(e.getServiceId());
            case "region_id" -> f.getValue().equals(e.getRegionId());
            case "interface" -> f.getValue().equals(e.getInterface());
            default -> false;
        });
    }
}
