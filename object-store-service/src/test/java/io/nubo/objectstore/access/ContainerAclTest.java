package io.nubo.objectstore.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.shared.security.NuboPrincipal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContainerAclTest {

    private static NuboPrincipal user(String project, String user, String... roles) {
        return new NuboPrincipal(user, "default", project, "default", null, false, Set.of(roles), List.of("a"),
                null, null);
    }

    @Test
    void parsesReferrersListingsGrantsAndRoles() {
        ContainerAcl acl = ContainerAcl.parse(" .r:*, .rlistings, p1:u1 ,*:u2, auditor,,.referrer:-bad.example");
        assertThat(acl.referrers()).containsExactly("*", "-bad.example");
        assertThat(acl.listings()).isTrue();
        assertThat(acl.grants()).extracting(g -> g[0] + ":" + g[1]).containsExactly("p1:u1", "*:u2");
        assertThat(acl.roles()).containsExactly("auditor");
        assertThat(ContainerAcl.parse(null).listings()).isFalse();
    }

    @Test
    void grantsNameAProjectAndUserWithWildcardsOrARole() {
        ContainerAcl acl = ContainerAcl.parse("p1:u1,*:u2,p3:*,auditor");
        assertThat(acl.grants(user("p1", "u1"))).isTrue();
        assertThat(acl.grants(user("p2", "u1"))).isFalse();
        assertThat(acl.grants(user("p9", "u2"))).isTrue();
        assertThat(acl.grants(user("p3", "anyone"))).isTrue();
        assertThat(acl.grants(user("p9", "u9", "auditor"))).isTrue();
        assertThat(acl.grants(user("p9", "u9", "member"))).isFalse();
        assertThat(acl.grants(null)).as("anonymous").isFalse();
    }

    @Test
    void referrersMatchHostsAndDomainsAndTheLastMatchWins() {
        ContainerAcl acl = ContainerAcl.parse(".r:.example.com,.r:-bad.example.com");
        assertThat(acl.admitsReferrer("https://www.example.com/page")).isTrue();
        assertThat(acl.admitsReferrer("https://example.com/")).isTrue();
        assertThat(acl.admitsReferrer("https://bad.example.com/")).isFalse();
        assertThat(acl.admitsReferrer("https://example.org/")).isFalse();
        assertThat(acl.admitsReferrer(null)).isFalse();
        assertThat(acl.admitsReferrer("not a uri")).isFalse();
        assertThat(ContainerAcl.parse(".r:*").admitsReferrer(null)).as("any referrer, even none").isTrue();
    }
}
