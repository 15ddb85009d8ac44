package io.nubo.shared.policy;

import java.util.List;

/**
 * One entry of a service's policy table, as Keystone's {@code DocumentedRuleDefault}: the action's name (e.g.
 * {@code identity:get_user}), its check string, what it is for, and the API operations it guards. Named base rules
 * ({@code admin_required}) are entries without operations.
 */
public record PolicyRule(String name, String checkString, String description, List<String> operations) {

    public PolicyRule {
        operations = List.copyOf(operations);
        CheckString.parse(checkString); // refuses a bad check string when the table is built
    }

    /** A base rule that other rules name with {@code rule:<name>}. */
    public static PolicyRule base(String name, String checkString, String description) {
        return new PolicyRule(name, checkString, description, List.of());
    }

    /** An action guarding the given operations ({@code "GET /v3/users/{user_id}"}). */
    public static PolicyRule action(String name, String checkString, String description, String... operations) {
        return new PolicyRule(name, checkString, description, List.of(operations));
    }

    public Rule rule() {
        return CheckString.parse(checkString);
    }
}
