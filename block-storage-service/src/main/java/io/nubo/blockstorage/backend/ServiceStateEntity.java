package io.nubo.blockstorage.backend;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** An operator's os-services enable/disable of one service (binary on host); no row: enabled. */
@Entity
@Table(name = "service_states")
@IdClass(ServiceStateEntity.Key.class)
public class ServiceStateEntity {

    public record Key(String host, String binaryName) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    private String host;
    @Id
    @Column(name = "binary_name")
    private String binaryName;
    private boolean disabled;
    @Column(name = "disabled_reason")
    private String disabledReason;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected ServiceStateEntity() {
    }

    public ServiceStateEntity(String host, String binaryName) {
        this.host = host;
        this.binaryName = binaryName;
    }

    public String getHost() { return host; }
    public String getBinaryName() { return binaryName; }
    public boolean isDisabled() { return disabled; }
    public String getDisabledReason() { return disabledReason; }
    public Instant getUpdatedAt() { return updatedAt; }

    public void set(boolean disabled, String reason, Instant now) {
        this.disabled = disabled;
        this.disabledReason = reason;
        this.updatedAt = now;
    }
}
