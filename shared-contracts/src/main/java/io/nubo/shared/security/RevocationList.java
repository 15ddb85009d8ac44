package io.nubo.shared.security;

import io.nubo.shared.events.TokenRevoked;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The revocations this service knows of, kept in memory and fed by the revocation topic. A revocation is
 * forgotten once no token it could match can still be valid (older than the longest token lifetime).
 */
public class RevocationList {

    private final CopyOnWriteArrayList<TokenRevoked> revocations = new CopyOnWriteArrayList<>();
    private final Duration maxTokenLifetime;
    private volatile boolean caughtUp;

    public RevocationList(Duration maxTokenLifetime) {
        this.maxTokenLifetime = maxTokenLifetime;
    }

    public void add(TokenRevoked revocation) {
        if (!revocations.contains(revocation)) {
            revocations.add(revocation);
        }
        Instant horizon = Instant.now().minus(maxTokenLifetime);
        revocations.removeIf(r -> r.issuedBefore() != null && r.issuedBefore().isBefore(horizon));
    }

    public boolean isRevoked(NuboPrincipal token) {
        for (TokenRevoked r : revocations) {
            if (matches(r, token)) {
                return true;
            }
        }
        return false;
    }

    /** True when every field the revocation sets matches the token and the token was issued no later. */
    public static boolean matches(TokenRevoked r, NuboPrincipal t) {
        if (r.issuedBefore() != null && t.issuedAt() != null && t.issuedAt().isAfter(r.issuedBefore())) {
            return false;
        }
        if (r.auditId() != null && (t.auditIds().isEmpty() || !r.auditId().equals(t.auditIds().get(0)))) {
            return false;
        }
        if (r.auditChainId() != null && !t.auditIds().contains(r.auditChainId())) {
            return false;
        }
        if (r.userId() != null && !r.userId().equals(t.userId())) {
            return false;
        }
        if (r.projectId() != null && !r.projectId().equals(t.projectId())) {
            return false;
        }
        if (r.domainId() != null && !(r.domainId().equals(t.userDomainId()) || r.domainId().equals(t.domainId())
                || r.domainId().equals(t.projectDomainId()))) {
            return false;
        }
        return r.auditId() != null || r.auditChainId() != null || r.userId() != null || r.projectId() != null
                || r.domainId() != null;
    }

    public List<TokenRevoked> snapshot() {
        return List.copyOf(revocations);
    }

    public int size() {
        return revocations.size();
    }

    /** True once the revocation topic was read up to its end at start-up. */
    public boolean caughtUp() {
        return caughtUp;
    }

    void markCaughtUp() {
        caughtUp = true;
    }

    @Override
    public String toString() {
        return "RevocationList" + Objects.toString(revocations);
    }
}
