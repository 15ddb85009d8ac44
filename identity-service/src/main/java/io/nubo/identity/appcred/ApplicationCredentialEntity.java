package io.nubo.identity.appcred;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

@Entity
@Table(name = "application_credentials")
public class ApplicationCredentialEntity {

    @Id
    private String id;
    private String name;
    @Column(name = "user_id")
    private String userId;
    @Column(name = "project_id")
    private String projectId;
    @Column(name = "secret_hash")
    private String secretHash;
    private String description;
    @Column(name = "expires_at")
    private Instant expiresAt;
    private boolean unrestricted;
    /** Space-separated role ids. */
    @Column(name = "role_ids")
    private String roleIds;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "application_credential_access_rules",
            joinColumns = @JoinColumn(name = "application_credential_id"))
    @Column(name = "access_rule_id")
    private Set<String> accessRuleIds = new LinkedHashSet<>();

    protected ApplicationCredentialEntity() {
    }

    public ApplicationCredentialEntity(String id, String name, String userId, String projectId, String secretHash,
                                       String description, Instant expiresAt, boolean unrestricted,
                                       List<String> roleIds) {
        this.id = id;
        this.name = name;
        this.userId = userId;
        this.projectId = projectId;
        this.secretHash = secretHash;
        this.description = description;
        this.expiresAt = expiresAt;
        this.unrestricted = unrestricted;
        this.roleIds = String.join(" ", roleIds);
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getUserId() {
        return userId;
    }

    public String getProjectId() {
        return projectId;
    }

    public String getSecretHash() {
        return secretHash;
    }

    public String getDescription() {
        return description;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public boolean isUnrestricted() {
        return unrestricted;
    }

    public List<String> getRoleIds() {
        return roleIds.isBlank() ? List.of() : Arrays.asList(roleIds.split(" "));
    }

    public Set<String> getAccessRuleIds() {
        return accessRuleIds;
    }

    public boolean expired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}
