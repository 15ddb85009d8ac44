package io.nubo.identity.config;

import static io.nubo.shared.policy.PolicyRule.action;
import static io.nubo.shared.policy.PolicyRule.base;

import io.nubo.shared.policy.PolicyTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Identity's access rules as data, after Keystone's {@code keystone/common/policies} (with its legacy rule that
 * {@code admin} on any scope administers everything). Handlers name their action with {@code @Policy}; the shared
 * {@code PolicyEnforcer} is the one place these rules are evaluated.
 */
@Configuration(proxyBeanMethods = false)
public class IdentityPolicies {

    public static final PolicyTable TABLE = PolicyTable.of(
            base("admin_required", "role:admin", "An administrator (admin on any scope)."),

            action("identity:create_consumer", "rule:admin_required", "Create an OAuth1 consumer.",
                    "POST /v3/OS-OAUTH1/consumers"),
            action("identity:list_consumers", "rule:admin_required", "List OAuth1 consumers.",
                    "GET /v3/OS-OAUTH1/consumers"),
            action("identity:get_consumer", "rule:admin_required", "Show an OAuth1 consumer.",
                    "GET /v3/OS-OAUTH1/consumers/{id}"),
            action("identity:update_consumer", "rule:admin_required", "Update an OAuth1 consumer.",
                    "PATCH /v3/OS-OAUTH1/consumers/{id}"),
            action("identity:delete_consumer", "rule:admin_required", "Delete an OAuth1 consumer.",
                    "DELETE /v3/OS-OAUTH1/consumers/{id}"),

            action("identity:create_trust", "@", "Create a trust; Trusts refuses anyone but the trustor.",
                    "POST /v3/OS-TRUST/trusts"),
            action("identity:list_trusts", "rule:admin_required or user_id:%(trustor_user_id)s"
                    + " or user_id:%(trustee_user_id)s",
                    "List trusts: all for an administrator, else those the caller is trustor or trustee of.",
                    "GET /v3/OS-TRUST/trusts"),
            action("identity:get_trust", "@", "Show a trust; Trusts answers 404 to anyone but its trustor, its "
                    + "trustee and an administrator.", "GET /v3/OS-TRUST/trusts/{id}"),
            action("identity:delete_trust", "@", "Delete a trust; Trusts answers 404 to anyone but its trustor and "
                    + "an administrator.", "DELETE /v3/OS-TRUST/trusts/{id}"),
            action("identity:list_roles_for_trust", "@", "List a trust's roles (visibility as get_trust).",
                    "GET /v3/OS-TRUST/trusts/{id}/roles"),
            action("identity:get_role_for_trust", "@", "Show one of a trust's roles (visibility as get_trust).",
                    "GET /v3/OS-TRUST/trusts/{id}/roles/{roleId}"));

    @Bean
    PolicyTable identityPolicyTable() {
        return TABLE;
    }
}
