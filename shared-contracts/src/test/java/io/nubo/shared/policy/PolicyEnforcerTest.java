package io.nubo.shared.policy;

import static io.nubo.shared.policy.CheckStringTest.caller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nubo.shared.security.NuboPrincipal;
import io.nubo.shared.web.OpenStackException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class PolicyEnforcerTest {

    private final PolicyTable table = PolicyTable.of(
            PolicyRule.base("admin_required", "role:admin", "An administrator."),
            PolicyRule.action("shop:get_order", "rule:admin_required or user_id:%(user_id)s", "Show an order.",
                    "GET /orders/{user_id}"),
            PolicyRule.action("shop:list_orders", "@", "List orders.", "GET /orders"));
    private final PolicyEnforcer enforcer = new PolicyEnforcer(table);

    @Test
    void namedRulesAreFollowedAndTheTargetIsCompared() {
        NuboPrincipal admin = caller("boss", "p1", null, false, "admin");
        NuboPrincipal alice = caller("alice", "p1", null, false, "member");
        assertThat(enforcer.allows("shop:get_order", admin, Map.of("user_id", "alice"))).isTrue();
        assertThat(enforcer.allows("shop:get_order", alice, Map.of("user_id", "alice"))).isTrue();
        assertThat(enforcer.allows("shop:get_order", alice, Map.of("user_id", "bob"))).isFalse();
        assertThat(enforcer.allows("shop:list_orders", null, Map.of())).isTrue();
    }

    @Test
    void aRefusalIsA403WithKeystonesMessage() {
        assertThatThrownBy(() -> enforcer.enforce("shop:get_order", caller("bob", "p1", null, false, "member"),
                Map.of("user_id", "alice")))
                .isInstanceOfSatisfying(OpenStackException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN))
                .hasMessage("You are not authorized to perform the requested action.");
    }

    @Test
    void theTableRefusesMistakesWhenBuilt() {
        assertThatThrownBy(() -> enforcer.allows("shop:no_such_action", null, Map.of()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> PolicyTable.of(PolicyRule.action("a", "rule:missing", "", "GET /a")))
                .hasMessageContaining("names rule:missing");
        assertThatThrownBy(() -> PolicyTable.of(PolicyRule.base("a", "@", ""), PolicyRule.base("a", "!", "")))
                .hasMessageContaining("defined twice");
        assertThatThrownBy(() -> PolicyRule.base("a", "role:", "")).hasMessageContaining("is not a check");
        assertThat(table.entries()).extracting(PolicyRule::name)
                .containsExactly("admin_required", "shop:get_order", "shop:list_orders");
    }
}
