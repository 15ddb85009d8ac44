package io.nubo.identity.directory;

import io.nubo.identity.readcache.EntityChanges;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

@Entity
@EntityListeners(EntityChanges.class)
@Table(name = "users")
public class UserEntity {

    @Id
    private String id;
    private String name;
    @Column(name = "domain_id")
    private String domainId;
    @Column(name = "password_hash")
    private String passwordHash;
    private boolean enabled;
    @Column(name = "default_project_id")
    private String defaultProjectId;
    @Column(name = "password_expires_at")
    private Instant passwordExpiresAt;
    @Convert(converter = ExtraAttributes.class)
    private Map<String, Object> extra = new LinkedHashMap<>();
    @Column(name = "failed_auth_count")
    private int failedAuthCount;
    @Column(name = "failed_auth_at")
    private Instant failedAuthAt;

    protected UserEntity() {
    }

    public UserEntity(String id, String name, String domainId, String passwordHash, boolean enabled) {
        this.id = id;
        this.name = name;
        this.domainId = domainId;
        this.passwordHash = passwordHash;
        this.enabled = enabled;
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

    public String getPasswordHash() {
        return passwordHash;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public String getDefaultProjectId() {
        return defaultProjectId;
    }

    public Instant getPasswordExpiresAt() {
        return passwordExpiresAt;
    }

    public void rename(String name) {
        this.name = name;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public void setDefaultProjectId(String defaultProjectId) {
        this.defaultProjectId = defaultProjectId;
    }

    public Map<String, Object> getExtra() {
        return extra;
    }

    public void setExtra(Map<String, Object> extra) {
        this.extra = new LinkedHashMap<>(extra);
    }

    public int getFailedAuthCount() {
        return failedAuthCount;
    }

    public Instant getFailedAuthAt() {
        return failedAuthAt;
    }

    public void recordFailedAuth(int count, Instant at) {
        this.failedAuthCount = count;
        this.failedAuthAt = at;
    }
}
