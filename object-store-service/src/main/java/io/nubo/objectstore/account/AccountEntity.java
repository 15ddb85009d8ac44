package io.nubo.objectstore.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A Swift account ({@code AUTH_<project_id>}), created on first write; its metadata as JSON. */
@Entity
@Table(name = "accounts")
public class AccountEntity {

    @Id
    private String name;
    @Column(name = "project_id")
    private String projectId;
    @Column(name = "created_at")
    private Instant createdAt;
    private String metadata;

    protected AccountEntity() {
    }

    public AccountEntity(String name, String projectId, Instant createdAt, String metadata) {
        this.name = name;
        this.projectId = projectId;
        this.createdAt = createdAt;
        this.metadata = metadata;
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
