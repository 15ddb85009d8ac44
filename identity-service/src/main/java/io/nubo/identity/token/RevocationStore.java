package io.nubo.identity.token;

import io.nubo.identity.readcache.ChangeStampedCache;
import io.nubo.shared.events.TokenRevoked;
import io.nubo.shared.outbox.EventPublisher;
import io.nubo.shared.security.NuboPrincipal;
import io.nubo.shared.security.RevocationList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Identity's record of revocations (Keystone's revocation events). A revocation is stored here and published as
 * {@link TokenRevoked} in the same transaction, so every service learns of it; identity itself also checks this
 * table, so it never depends on the event round trip.
 */
@Service
public class RevocationStore {

    private final RevocationEventRepository events;
    private final EventPublisher publisher;
    private final RevocationList local;
    /** Each token's verdict, asked again only after a revocation is stored (every validation asks). */
    private final ChangeStampedCache<TokenFacts, Boolean> verdicts =
            new ChangeStampedCache<>(10_000, RevocationEventEntity.class);

    public RevocationStore(RevocationEventRepository events, EventPublisher publisher, RevocationList local) {
        this.events = events;
        this.publisher = publisher;
        this.local = local;
    }

    @Transactional
    public void revoke(TokenRevoked r) {
        events.save(new RevocationEventEntity(r.auditId(), r.auditChainId(), r.userId(), r.projectId(), r.domainId(),
                r.issuedBefore(), r.revokedAt()));
        publisher.publish(r, r.auditId() != null ? r.auditId() : r.userId(), r.projectId());
        // this instance refuses the token at once; the others learn it from the revocation topic
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                local.add(r);
            }
        });
    }

    /** Every token of the user issued until now (disabled, deleted, password changed, left a group). */
    @Transactional
    public void revokeUser(String userId) {
        revokeIssuedUntilNow(userId, null, null);
    }

    /** Every token scoped to the project issued until now (project disabled or deleted). */
    @Transactional
    public void revokeProject(String projectId) {
        revokeIssuedUntilNow(null, projectId, null);
    }

    /** Every token of the domain's users and projects issued until now (domain disabled). */
    @Transactional
    public void revokeDomain(String domainId) {
        revokeIssuedUntilNow(null, null, domainId);
    }

    /** The user's tokens on one project or domain (a grant removed). */
    @Transactional
    public void revokeUserOn(String userId, String projectId, String domainId) {
        revokeIssuedUntilNow(userId, projectId, domainId);
    }

    private void revokeIssuedUntilNow(String userId, String projectId, String domainId) {
        Instant now = Instant.now();
        revoke(new TokenRevoked(null, null, userId, projectId, domainId, now, now));
    }

    /** Answered from the verdicts cache, it opens no transaction; a miss is one indexed query in its own. */
    public boolean isRevoked(TokenFacts t) {
        return verdicts.get(t, this::revokedNow);
    }

    private boolean revokedNow(TokenFacts t) {
        String projectId = t.scope() instanceof TokenScope.Project p ? p.projectId() : null;
        String projectDomain = t.scope() instanceof TokenScope.Project p ? p.domainId() : null;
        String domainId = t.scope() instanceof TokenScope.Domain d ? d.domainId() : null;
        NuboPrincipal principal = new NuboPrincipal(t.userId(), t.userDomainId(), projectId, projectDomain, domainId,
                t.scope() instanceof TokenScope.System, Set.copyOf(t.roleNames()), t.auditIds(), t.issuedAt(),
                t.expiresAt());
        List<String> domains = new ArrayList<>();
        for (String d : new String[] {t.userDomainId(), projectDomain, domainId}) {
            if (d != null) {
                domains.add(d);
            }
        }
        // only the events that name something of this token: an indexed look-up, not a scan of the day's events
        return events.candidatesFor(t.issuedAt(), t.auditIds().isEmpty() ? List.of("") : t.auditIds(), t.userId(),
                        projectId == null ? "" : projectId, domains.isEmpty() ? List.of("") : domains).stream()
                .map(e -> new TokenRevoked(e.getAuditId(), e.getAuditChainId(), e.getUserId(), e.getProjectId(),
                        e.getDomainId(), e.getIssuedBefore(), e.getRevokedAt()))
                .anyMatch(r -> RevocationList.matches(r, principal));
    }
}
