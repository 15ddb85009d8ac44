package io.nubo.identity.group;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "user_groups")
public class GroupEntity {

    @Id
    private String id;
    private String name;
    @Column(name = "domain_id")
    private String domainId;
    private String description;

    protected GroupEntity() {
    }

    public GroupEntity(String id, String name, String domainId, String description) {
        this.id = id;
        this.name = name;
        this.domainId = domainId;
        this.description = description;
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
