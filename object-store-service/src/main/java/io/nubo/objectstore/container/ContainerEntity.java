package io.nubo.objectstore.container;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A container of one account; metadata (including ACLs and quotas) as JSON. */
@Entity
@Table(name = "containers")
public class ContainerEntity {

    @Id
    private String id;
    private String account;
    private String name;
    @Column(name = "created_at")
    private Instant createdAt;
    private String metadata;

    protected ContainerEntity() {
    }

    public ContainerEntity(String id, String account, String name, Instant createdAt, String metadata) {
        this.id = id;
        this.account = account;
        this.name = name;
        this.createdAt = createdAt;
        this.metadata = metadata;
    }

    public String getId() {
        return id;
    }

    public String getAccount() {
        return account;
    }

    public String getName() {
        return name;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getMetadata() {
        return metadata;
    }

    public void setMetadata(String metadata) {
        this.metadata = metadata;
    }
}
