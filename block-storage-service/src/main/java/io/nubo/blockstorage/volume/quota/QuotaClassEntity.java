package io.nubo.blockstorage.volume.quota;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** One limit of a quota class (os-quota-class-sets); class {@code default} overrides the configured defaults. */
@Entity
@Table(name = "quota_classes")
@IdClass(QuotaClassEntity.Key.class)
public class QuotaClassEntity {

    @Id
    @Column(name = "class_name")
    private String className;
    @Id
    private String resource;
    @Column(name = "hard_limit")
    private int hardLimit;

    protected QuotaClassEntity() {
    }

    QuotaClassEntity(String className, String resource, int hardLimit) {
        this.className = className;
        this.resource = resource;
        this.hardLimit = hardLimit;
    }

    public String getResource() { return resource; }
    public int getHardLimit() { return hardLimit; }
    void setHardLimit(int hardLimit) { this.hardLimit = hardLimit; }

    public record Key(String className, String resource) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
