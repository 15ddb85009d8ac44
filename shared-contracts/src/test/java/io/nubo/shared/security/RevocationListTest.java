package io.nubo.shared.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.shared.events.TokenRevoked;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RevocationListTest {

    private final Instant issued = Instant.parse("2026-11-23T10:00:00Z");
    private final NuboPrincipal token = new NuboPrincipal("u1", "default", "p1", "default", null, false,
            Set.of("member"), List.of("audit-a", "chain-b"), issued, issued.plusSeconds(3600));

    private static TokenRevoked revoke(String audit, String chain, String user, String project, String domain,
                                       Instant before) {
        return new TokenRevoked(audit, chain, user, project, domain, before, before);
    }

    @Test
    void explicitRevocationMatchesTheTokensOwnAuditIdOnly() {
        assertThat(RevocationList.matches(revoke("audit-a", null, null, null, null, issued), token)).isTrue();
        assertThat(RevocationList.matches(revoke("chain-b", null, null, null, null, issued), token)).isFalse();
        assertThat(RevocationList.matches(revoke(null, "chain-b", null, null, null, issued), token)).isTrue();
    }

    @Test
    void userAndProjectRevocationsMatchOnlyTokensIssuedBefore() {
        assertThat(RevocationList.matches(revoke(null, null, "u1", null, null, issued.plusSeconds(1)), token)).isTrue();
        assertThat(RevocationList.matches(revoke(null, null, "u1", null, null, issued.minusSeconds(1)), token))
                .as("a token issued after the revocation is not affected").isFalse();
        assertThat(RevocationList.matches(revoke(null, null, "u2", null, null, issued), token)).isFalse();
        assertThat(RevocationList.matches(revoke(null, null, null, "p1", null, issued), token)).isTrue();
        assertThat(RevocationList.matches(revoke(null, null, "u1", "p2", null, issued), token))
                .as("every field set must match").isFalse();
        assertThat(RevocationList.matches(revoke(null, null, null, null, "default", issued), token)).isTrue();
    }

    @Test
    void anEmptyRevocationMatchesNothing() {
        assertThat(RevocationList.matches(revoke(null, null, null, null, null, issued), token)).isFalse();
    }

    @Test
    void listForgetsRevocationsOlderThanTheLongestTokenAndIgnoresDuplicates() {
        RevocationList list = new RevocationList(Duration.ofHours(1));
        TokenRevoked old = revoke("x", null, null, null, null, Instant.now().minus(Duration.ofHours(2)));
        TokenRevoked fresh = revoke("y", null, null, null, null, Instant.now());
        list.add(old);
        list.add(fresh);
        list.add(fresh);
        assertThat(list.snapshot()).containsExactly(fresh);
    }
}
