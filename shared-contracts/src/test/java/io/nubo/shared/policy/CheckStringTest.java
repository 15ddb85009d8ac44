package io.nubo.shared.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nubo.shared.security.NuboPrincipal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CheckStringTest {

    static NuboPrincipal caller(String userId, String projectId, String domainId, boolean system, String... roles) {
        return new NuboPrincipal(userId, "default", projectId, projectId == null ? null : "default", domainId, system,
                Set.of(roles), List.of("a1"), null, null);
    }

    private static boolean allows(String check, NuboPrincipal who, Map<String, String> target) {
        return CheckString.parse(check).allows(who, target, name -> {
            throw new IllegalStateException(name);
        });
    }

    @Test
    void parsesKeystonesCheckStringsIntoTypedRules() {
        assertThat(CheckString.parse("role:admin or (role:reader and system_scope:all) or user_id:%(user_id)s"))
                .isEqualTo(new Rule.Any(List.of(new Rule.HasRole("admin"),
                        new Rule.All(List.of(new Rule.HasRole("reader"), new Rule.SystemScoped())),
                        new Rule.Matches(Rule.Credential.USER_ID, "user_id", null))));
        assertThat(CheckString.parse("not role:admin and rule:owner")).isEqualTo(new Rule.All(List.of(
                new Rule.Not(new Rule.HasRole("admin")), new Rule.Named("owner"))));
        assertThat(CheckString.parse("")).isEqualTo(new Rule.Always());
        assertThat(CheckString.parse("!")).isEqualTo(new Rule.Never());
    }

    @Test
    void andBindsTighterThanOr() {
        NuboPrincipal member = caller("u1", "p1", null, false, "member");
        assertThat(allows("role:admin and role:member or role:member", member, Map.of())).isTrue();
        assertThat(allows("role:admin and (role:member or role:member)", member, Map.of())).isFalse();
    }

    @Test
    void targetMatchesCompareTheTokenWithTheRequest() {
        NuboPrincipal u1 = caller("u1", "p1", null, false, "member");
        assertThat(allows("user_id:%(user_id)s", u1, Map.of("user_id", "u1"))).isTrue();
        assertThat(allows("user_id:%(user_id)s", u1, Map.of("user_id", "u2"))).isFalse();
        assertThat(allows("domain_id:%(target.domain_id)s", u1, Map.of("target.domain_id", "d1")))
                .as("a project-scoped token has no domain scope").isFalse();
        assertThat(allows("project_id:p1", u1, Map.of())).isTrue();
        assertThat(allows("user_id:%(user_id)s", u1, Map.of())).as("a missing target never matches").isFalse();
    }

    @Test
    void anAnonymousCallerPassesOnlyTheOpenRule() {
        assertThat(allows("@", null, Map.of())).isTrue();
        assertThat(allows("not role:admin", null, Map.of())).isTrue();
        assertThat(allows("role:admin", null, Map.of())).isFalse();
        assertThat(allows("user_id:%(user_id)s", null, Map.of("user_id", "u1"))).isFalse();
        assertThat(allows("system_scope:all", null, Map.of())).isFalse();
    }

    @Test
    void badCheckStringsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> CheckString.parse("role:admin or")).hasMessageContaining("missing at the end");
        assertThatThrownBy(() -> CheckString.parse("(role:admin")).hasMessageContaining("')' is missing");
        assertThatThrownBy(() -> CheckString.parse("colour:red")).hasMessageContaining("unknown check kind 'colour'");
        assertThatThrownBy(() -> CheckString.parse("role:admin role:member")).hasMessageContaining("unexpected");
        assertThatThrownBy(() -> CheckString.parse("system_scope:domain")).hasMessageContaining("only be all");
    }
}
