package io.nubo.network.common;

import io.nubo.network.error.NetworkError;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Neutron's default policy, as one table (its {@code neutron/conf/policies} rules, reduced to the roles Nubo has:
 * admin, project member, other project). Features ask {@link #allows} or {@link #enforce} by rule name; a caller who
 * may not even see a resource gets the resource's 404 from the feature, never a 403 that would reveal it.
 */
public final class Policy {

    /** What a rule is checked against: the resource's project, its network's project, and the network's flags. */
    public record Target(String projectId, String networkProjectId, boolean shared, boolean external) {

        public static Target owned(String projectId) {
            return new Target(projectId, null, false, false);
        }

        public static Target network(String projectId, boolean shared, boolean external) {
            return new Target(projectId, projectId, shared, external);
        }
    }

    private static final BiPredicate<Caller, Target> ADMIN = (c, t) -> c.admin();
    private static final BiPredicate<Caller, Target> OWNER = (c, t) -> c.admin() || c.owns(t.projectId());
    private static final BiPredicate<Caller, Target> NETWORK_OWNER = (c, t) -> c.admin() || c.owns(t.networkProjectId());
    private static final BiPredicate<Caller, Target> OWNER_OR_NETWORK_OWNER = (c, t) -> c.admin()
            || c.owns(t.projectId()) || c.owns(t.networkProjectId());
    private static final BiPredicate<Caller, Target> OWNER_OR_SHARED = (c, t) -> OWNER.test(c, t) || t.shared();
    private static final BiPredicate<Caller, Target> VISIBLE_NETWORK = (c, t) -> OWNER.test(c, t) || t.shared()
            || t.external();
    private static final BiPredicate<Caller, Target> ANY = (c, t) -> true;

    private static final Map<String, BiPredicate<Caller, Target>> RULES = Map.ofEntries(
            Map.entry("create_network", ANY),
            Map.entry("create_network:shared", ADMIN),
            Map.entry("create_network:router:external", ADMIN),
            Map.entry("create_network:provider", ADMIN),
            Map.entry("get_network", VISIBLE_NETWORK),
            Map.entry("get_network:provider", ADMIN),
            Map.entry("update_network", OWNER),
            Map.entry("update_network:shared", ADMIN),
            Map.entry("update_network:router:external", ADMIN),
            Map.entry("update_network:provider", ADMIN),
            Map.entry("delete_network", OWNER),
            Map.entry("create_subnet", NETWORK_OWNER),
            Map.entry("get_subnet", OWNER_OR_SHARED),
            Map.entry("update_subnet", NETWORK_OWNER),
            Map.entry("delete_subnet", NETWORK_OWNER),
            Map.entry("create_port", ANY),
            Map.entry("create_port:on_network", OWNER_OR_SHARED),
            Map.entry("create_port:device_owner", NETWORK_OWNER),
            Map.entry("create_port:mac_address", NETWORK_OWNER),
            Map.entry("create_port:fixed_ips:ip_address", NETWORK_OWNER),
            Map.entry("create_port:port_security_enabled", NETWORK_OWNER),
            Map.entry("create_port:binding:host_id", ADMIN),
            Map.entry("create_port:binding:profile", ADMIN),
            Map.entry("create_port:allowed_address_pairs", OWNER_OR_NETWORK_OWNER),
            Map.entry("get_port", OWNER_OR_NETWORK_OWNER),
            Map.entry("get_port:binding", ADMIN),
            Map.entry("update_port", OWNER_OR_NETWORK_OWNER),
            Map.entry("update_port:device_owner", NETWORK_OWNER),
            Map.entry("update_port:mac_address", ADMIN),
            Map.entry("update_port:fixed_ips:ip_address", NETWORK_OWNER),
            Map.entry("update_port:port_security_enabled", NETWORK_OWNER),
            Map.entry("update_port:binding:host_id", ADMIN),
            Map.entry("update_port:binding:profile", ADMIN),
            Map.entry("delete_port", OWNER_OR_NETWORK_OWNER),
            Map.entry("create_security_group", ANY),
            Map.entry("get_security_group", OWNER),
            Map.entry("update_security_group", OWNER),
            Map.entry("delete_security_group", OWNER),
            Map.entry("create_security_group_rule", OWNER),
            Map.entry("get_security_group_rule", OWNER),
            Map.entry("delete_security_group_rule", OWNER),
            Map.entry("create_router", ANY),
            Map.entry("create_router:external_gateway_info:enable_snat", ADMIN),
            Map.entry("create_router:external_gateway_info:external_fixed_ips", ADMIN),
            Map.entry("get_router", OWNER),
            Map.entry("update_router", OWNER),
            Map.entry("update_router:external_gateway_info:enable_snat", ADMIN),
            Map.entry("update_router:external_gateway_info:external_fixed_ips", ADMIN),
            Map.entry("delete_router", OWNER),
            Map.entry("add_router_interface", OWNER),
            Map.entry("remove_router_interface", OWNER),
            Map.entry("create_floatingip", ANY),
            Map.entry("create_floatingip:floating_ip_address", ADMIN),
            Map.entry("get_floatingip", OWNER),
            Map.entry("update_floatingip", OWNER),
            Map.entry("delete_floatingip", OWNER),
            Map.entry("create_as_other_project", ADMIN),
            Map.entry("get_quota", OWNER),
            Map.entry("update_quota", ADMIN),
            Map.entry("delete_quota", ADMIN),
            Map.entry("list_quotas", ADMIN));

    private Policy() {
    }

    public static boolean allows(Caller caller, String rule, Target target) {
        BiPredicate<Caller, Target> p = RULES.get(rule);
        if (p == null) {
            throw new IllegalArgumentException("no policy rule " + rule);
        }
        return p.test(caller, target);
    }

    /** Throws Neutron's 403 {@code PolicyNotAuthorized} unless the rule allows the call. */
    public static void enforce(Caller caller, String rule, Target target) {
        if (!allows(caller, rule, target)) {
            throw NetworkError.POLICY.exception(rule);
        }
    }

    /** The project a new resource belongs to: the caller's, or the one an admin names in the body. */
    public static String owningProject(Caller caller, String requested) {
        if (requested == null || requested.isEmpty() || requested.equals(caller.projectId())) {
            if (caller.projectId() == null) {
                throw NetworkError.BAD_REQUEST.exception("A project-scoped token or a project_id is required.");
            }
            return caller.projectId();
        }
        if (!allows(caller, "create_as_other_project", Target.owned(requested))) {
            throw NetworkError.BAD_REQUEST.exception("Specifying 'project_id' or 'tenant_id' other than the"
                    + " authenticated project in request requires admin privileges");
        }
        return requested;
    }
}
