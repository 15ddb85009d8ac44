package io.nubo.identity.domainconfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options a domain may configure, as Keystone allows them: the {@code identity} driver and list limit, and the
 * {@code ldap} options; {@code ldap.password} is sensitive and never returned.
 */
final class DomainConfigOptions {

    static final Set<String> SENSITIVE = Set.of("password");

    private static final Map<String, Map<String, Object>> DEFAULTS = new LinkedHashMap<>();

    static {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("driver", "sql");
        identity.put("list_limit", null);
        DEFAULTS.put("identity", identity);
        Map<String, Object> ldap = new LinkedHashMap<>();
        for (String o : List.of("url", "user", "suffix", "query_scope", "page_size", "alias_dereferencing",
                "debug_level", "chase_referrals", "user_tree_dn", "user_filter", "user_objectclass",
                "user_id_attribute", "user_name_attribute", "user_mail_attribute", "user_description_attribute",
                "user_pass_attribute", "user_enabled_attribute", "user_enabled_invert", "user_enabled_mask",
                "user_enabled_default", "user_attribute_ignore", "user_default_project_id_attribute",
                "user_enabled_emulation", "user_enabled_emulation_dn", "user_enabled_emulation_use_group_config",
                "user_additional_attribute_mapping", "group_tree_dn", "group_filter", "group_objectclass",
                "group_id_attribute", "group_name_attribute", "group_members_are_ids", "group_member_attribute",
                "group_desc_attribute", "group_attribute_ignore", "group_additional_attribute_mapping",
                "tls_cacertfile", "tls_cacertdir", "use_tls", "tls_req_cert", "use_pool", "pool_size",
                "pool_retry_max", "pool_retry_delay", "pool_connection_timeout", "pool_connection_lifetime",
                "use_auth_pool", "auth_pool_size", "auth_pool_connection_lifetime")) {
            ldap.put(o, null);
        }
        ldap.put("url", "ldap://localhost");
        ldap.put("query_scope", "one");
        ldap.put("page_size", 0);
        ldap.put("user_objectclass", "inetOrgPerson");
        ldap.put("user_id_attribute", "cn");
        ldap.put("user_name_attribute", "sn");
        ldap.put("group_objectclass", "groupOfNames");
        ldap.put("group_id_attribute", "cn");
        ldap.put("group_name_attribute", "ou");
        ldap.put("group_member_attribute", "member");
        DEFAULTS.put("ldap", ldap);
    }

    private DomainConfigOptions() {
    }

    static Map<String, Map<String, Object>> defaults() {
        return DEFAULTS;
    }

    static boolean knownGroup(String group) {
        return DEFAULTS.containsKey(group);
    }

    static boolean known(String group, String option) {
        return knownGroup(group) && (DEFAULTS.get(group).containsKey(option)
                || ("ldap".equals(group) && SENSITIVE.contains(option)));
    }
}
