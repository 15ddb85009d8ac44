package io.nubo.identity.trust;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

@Entity
@Table(name = "trusts")
public class TrustEntity {

    @Id
    private String id;
    @Column(name = "trustor_user_id")
    private String trustorUserId;
    @Column(name = "trustee_user_id")
    private String trusteeUserId;
    @Column(name = "project_id")
    private String projectId;
    private boolean impersonation;
    @Column(name = "expires_at")
    private Instant expiresAt;
    @Column(name = "remaining_uses")
    private Integer remainingUses;
    @Column(name = "allow_redelegation")
    private boolean allowRedelegation;
    /** Space-separated role ids. */
    @Column(name = "role_ids")
    private String roleIds;

    protected TrustEntity() {
    }

    public TrustEntity(String id, String trustorUserId, String trusteeUserId, String projectId, boolean impersonation,
                       Instant expiresAt, Integer remainingUses, boolean allowRedelegation, List<String> roleIds) {
        this.id = id;
        this.trustorUserId = trustorUserId;
        this.trusteeUserId = trusteeUserId;
        this.projectId = projectId;
        this.impersonation = impersonation;
        this.expiresAt = expiresAt;
        this.remainingUses = remainingUses;
        this.allowRedelegation = allowRedelegation;
        this.roleIds = String.join(" ", roleIds);
    }

    public String getId() {
        return id;
    }

    public String getTrustorUserId() {
        return trustorUserId;
    }

    public String getTrusteeUserId() {
        return trusteeUserId;
    }

    public String getProjectId() {
        return projectId;
    }

    public boolean isImpersonation() {
        return impersonation;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Integer getRemainingUses() {
        return remainingUses;
    }

    public boolean isAllowRedelegation() {
        return allowRedelegation;
    }

    public List<String> getRoleIds() {
        return roleIds.isBlank() ? List.of() : Arrays.asList(roleIds.split(" "));
    }

    public boolean expired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    /** Counts one use of a trust with limited uses; false when none was left. */
    public boolean use() {
        if (remainingUses == null) {
            return true;
        }
        if (remainingUses <= 0) {
            return false;
        }
        remainingUses--;
        return true;
    }
}
