package io.nubo.identity.token;

import io.nubo.identity.readcache.EntityChanges;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@EntityListeners(EntityChanges.class)
@Table(name = "revocation_events")
public class RevocationEventEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "audit_id")
    private String auditId;
    @Column(name = "audit_chain_id")
    private String auditChainId;
    @Column(name = "user_id")
    private String userId;
    @Column(name = "project_id")
    private String projectId;
    @Column(name = "domain_id")
    private String domainId;
    @Column(name = "issued_before")
    private Instant issuedBefore;
    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected RevocationEventEntity() {
    }

    public RevocationEventEntity(String auditId, String auditChainId, String userId, String projectId, String domainId,
                                 Instant issuedBefore, Instant revokedAt) {
        this.auditId = auditId;
        this.auditChainId = auditChainId;
        this.userId = userId;
        this.projectId = projectId;
        this.domainId = domainId;
        this.issuedBefore = issuedBefore;
        this.revokedAt = revokedAt;
    }

    public String getAuditId() {
        return auditId;
    }

    public String getAuditChainId() {
        return auditChainId;
    }

    public String getUserId() {
        return userId;
    }

    public String getProjectId() {
        return projectId;
    }

    public String getDomainId() {
        return domainId;
    }

    public Instant getIssuedBefore() {
        return issuedBefore;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }
}
