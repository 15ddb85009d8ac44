package io.nubo.blockstorage.volume.quota;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A project's own limit for one resource (the defaults live in configuration). */
@Entity
@Table(name = "quotas")
@IdClass(QuotaEntity.Key.class)
public class QuotaEntity {

    @Id
    @Column(name = "project_id")
    private String projectId;
    @Id
    private String resource;
    @Column(name = "hard_limit")
    private int hardLimit;

    protected QuotaEntity() {
    }

    QuotaEntity(String projectId, String resource, int hardLimit) {
        this.projectId = projectId;
        this.resource = resource;
        this.hardLimit = hardLimit;
    }

    public String getResource() { return resource; }
    public int getHardLimit() { return hardLimit; }
    void setHardLimit(int hardLimit) { this.hardLimit = hardLimit; }

    public record Key(String projectId, String resource) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
