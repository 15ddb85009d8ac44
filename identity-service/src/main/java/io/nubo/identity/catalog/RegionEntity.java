package io.nubo.identity.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "regions")
public class RegionEntity {

    /** The longest region id: the column's size, Keystone's limit. */
    public static final int MAX_ID = 255;

    @Id
    private String id;
    private String description;
    @Column(name = "parent_region_id")
    private String parentRegionId;

    protected RegionEntity() {
    }

    public RegionEntity(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String getId() {
        return id;
    }

    public RegionEntity(String id, String description, String parentRegionId) {
        this.id = id;
        this.description = description;
        this.parentRegionId = parentRegionId;
    }

    public String getDescription() {
        return description;
    }

    public String getParentRegionId() {
        return parentRegionId;
    }

    public void describe(String description) {
        this.description = description;
    }

    public void setParentRegionId(String parentRegionId) {
        this.parentRegionId = parentRegionId;
    }
}
