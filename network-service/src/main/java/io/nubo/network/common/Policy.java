package io.nubo.network.common;

import static io.nubo.shared.policy.PolicyRule.action;
import static io.nubo.shared.policy.PolicyRule.base;

import io.nubo.network.error.NetworkError;
import io.nubo.shared.policy.PolicyEnforcer;
import io.nubo.shared.policy.PolicyTable;
import java.util.HashMap;
import java.util.Map;

/**
 * Neutron's default policy, as one table of oslo.policy check strings (its {@code neutron/conf/policies} rules,
 * reduced to the roles Nubo has: admin, project member, other project), evaluated by shared-contracts'
 * {@link PolicyEnforcer}. Features ask {@link #allows} or {@link #enforce} by rule name; a caller who
 * may not even see a resource gets the resource's 404 from the feature, never a 403 that would reveal it.
 */
public final class Policy {

    /** What a rule is checked against: the resource's project, its network's project, and the network's flags. */
    public record Target(String projectId, String networkProjectId, boolean shared, boolean external) {

        /** The target as the check strings read it (oslo.policy's target dictionary). */
        Map<String, String> attributes() {
            Map<String, String> m = new HashMap<>();
            if (projectId != null) {
                m.put("project_id", projectId);
            }
            if (networkProjectId != null) {
                m.put("network:project_id", networkProjectId);
            }
            m.put("networks:shared", shared ? "True" : "False");
            m.put("networks:router:external", external ? "True" : "False");
            return m;
        }

        public static Target owned(String projectId) {
            return new Target(projectId, null, false, false);
        }

        public static Target network(String projectId, boolean shared, boolean external) {
            return new Target(projectId, projectId, shared, external);
        }
    }

    private static final String ADMIN = "rule:admin_only";
    private static final String OWNER = "rule:admin_or_owner";
    private static final String NETWORK_OWNER = "rule:admin_or_network_owner";
    private static final String OWNER_OR_NETWORK_OWNER = "rule:admin_or_owner or rule:network_owner";
    private static final String OWNER_OR_SHARED = "rule:admin_or_owner or rule:shared";
    private static final String VISIBLE_NETWORK = "rule:admin_or_owner or rule:shared or rule:external";
    private static final String ANY = "rule:regular_user";
    private static final String ADMIN_OR_SERVICE = "rule:admin_only or rule:service_api";
    private static final String PORT_OWNER_OR_SERVICE = OWNER_OR_NETWORK_OWNER + " or rule:service_api";

    /** Neutron's default rules ({@code neutron/conf/policies}), in oslo.policy's check strings. */
    public static final PolicyTable TABLE = PolicyTable.of(
            base("context_is_admin", "role:admin", "An administrator."),
            base("owner", "project_id:%(project_id)s", "The resource's project."),
            base("network_owner", "project_id:%(network:project_id)s", "The project of the resource's network."),
            base("admin_only", "rule:context_is_admin", "Administrators only."),
            base("admin_or_owner", "rule:context_is_admin or rule:owner", "An administrator or the owner."),
            base("admin_or_network_owner", "rule:context_is_admin or rule:network_owner",
                    "An administrator or the network's owner."),
            base("shared", "field:networks:shared=True", "The network is shared."),
            base("external", "field:networks:router:external=True", "The network is external."),
            base("regular_user", "@", "Any authenticated caller."),
            base("service_api", "role:service", "Another service acting for a user (compute binding ports)."),
            action("create_network", ANY, "Create a network.", "POST /v2.0/networks"),
            action("create_network:shared", ADMIN, "Create a shared network.", "POST /v2.0/networks"),
            action("create_network:router:external", ADMIN, "Create an external network.", "POST /v2.0/networks"),
            action("create_network:provider", ADMIN, "Choose provider attributes.", "POST /v2.0/networks"),
            action("get_network", VISIBLE_NETWORK, "Show a network.", "GET /v2.0/networks/{id}"),
            action("get_network:provider", ADMIN, "See provider attributes.", "GET /v2.0/networks/{id}"),
            action("update_network", OWNER, "Update a network.", "PUT /v2.0/networks/{id}"),
            action("update_network:shared", ADMIN, "Share a network.", "PUT /v2.0/networks/{id}"),
            action("update_network:router:external", ADMIN, "Make a network external.", "PUT /v2.0/networks/{id}"),
            action("update_network:provider", ADMIN, "Change provider attributes.", "PUT /v2.0/networks/{id}"),
            action("delete_network", OWNER, "Delete a network.", "DELETE /v2.0/networks/{id}"),
            action("create_subnet", NETWORK_OWNER, "Create a subnet.", "POST /v2.0/subnets"),
            action("get_subnet", OWNER_OR_SHARED, "Show a subnet.", "GET /v2.0/subnets/{id}"),
            action("update_subnet", NETWORK_OWNER, "Update a subnet.", "PUT /v2.0/subnets/{id}"),
            action("delete_subnet", NETWORK_OWNER, "Delete a subnet.", "DELETE /v2.0/subnets/{id}"),
            action("create_port", ANY, "Create a port.", "POST /v2.0/ports"),
            action("create_port:on_network", OWNER_OR_SHARED, "Create a port on this network.", "POST /v2.0/ports"),
            action("create_port:device_owner", NETWORK_OWNER, "Give a port a network:* device owner.",
                    "POST /v2.0/ports"),
            action("create_port:mac_address", NETWORK_OWNER, "Choose a port's MAC.", "POST /v2.0/ports"),
            action("create_port:fixed_ips:ip_address", NETWORK_OWNER, "Choose a port's address.",
                    "POST /v2.0/ports"),
            action("create_port:port_security_enabled", NETWORK_OWNER, "Switch port security.", "POST /v2.0/ports"),
            action("create_port:binding:host_id", ADMIN_OR_SERVICE, "Bind a port to a host.", "POST /v2.0/ports"),
            action("create_port:binding:profile", ADMIN_OR_SERVICE, "Set a binding profile.", "POST /v2.0/ports"),
            action("create_port:allowed_address_pairs", OWNER_OR_NETWORK_OWNER, "Set allowed address pairs.",
                    "POST /v2.0/ports"),
            action("get_port", PORT_OWNER_OR_SERVICE, "Show a port.", "GET /v2.0/ports/{id}"),
            action("get_port:binding", ADMIN_OR_SERVICE, "See a port's binding details.", "GET /v2.0/ports/{id}"),
            action("update_port", PORT_OWNER_OR_SERVICE, "Update a port.", "PUT /v2.0/ports/{id}"),
            action("update_port:device_owner", NETWORK_OWNER + " or rule:service_api", "Change a port's device owner.",
                    "PUT /v2.0/ports/{id}"),
            action("update_port:mac_address", ADMIN, "Change a port's MAC.", "PUT /v2.0/ports/{id}"),
            action("update_port:fixed_ips:ip_address", NETWORK_OWNER, "Choose a port's new address.",
                    "PUT /v2.0/ports/{id}"),
            action("update_port:port_security_enabled", NETWORK_OWNER, "Switch port security.",
                    "PUT /v2.0/ports/{id}"),
            action("update_port:binding:host_id", ADMIN_OR_SERVICE, "Bind a port to a host.", "PUT /v2.0/ports/{id}"),
            action("update_port:binding:profile", ADMIN_OR_SERVICE, "Set a binding profile.", "PUT /v2.0/ports/{id}"),
            action("delete_port", PORT_OWNER_OR_SERVICE, "Delete a port.", "DELETE /v2.0/ports/{id}"),
            action("create_security_group", ANY, "Create a security group.", "POST /v2.0/security-groups"),
            action("get_security_group", OWNER, "Show a security group.", "GET /v2.0/security-groups/{id}"),
            action("update_security_group", OWNER, "Update a security group.", "PUT /v2.0/security-groups/{id}"),
            action("delete_security_group", OWNER, "Delete a security group.",
                    "DELETE /v2.0/security-groups/{id}"),
            action("create_security_group_rule", OWNER, "Add a rule to a group.", "POST /v2.0/security-group-rules"),
            action("get_security_group_rule", OWNER, "Show a rule.", "GET /v2.0/security-group-rules/{id}"),
            action("delete_security_group_rule", OWNER, "Delete a rule.", "DELETE /v2.0/security-group-rules/{id}"),
            action("create_router", ANY, "Create a router.", "POST /v2.0/routers"),
            action("create_router:external_gateway_info:enable_snat", ADMIN, "Choose SNAT.", "POST /v2.0/routers"),
            action("create_router:external_gateway_info:external_fixed_ips", ADMIN, "Choose gateway addresses.",
                    "POST /v2.0/routers"),
            action("get_router", OWNER, "Show a router.", "GET /v2.0/routers/{id}"),
            action("update_router", OWNER, "Update a router.", "PUT /v2.0/routers/{id}"),
            action("update_router:external_gateway_info:enable_snat", ADMIN, "Choose SNAT.",
                    "PUT /v2.0/routers/{id}"),
            action("update_router:external_gateway_info:external_fixed_ips", ADMIN, "Choose gateway addresses.",
                    "PUT /v2.0/routers/{id}"),
            action("delete_router", OWNER, "Delete a router.", "DELETE /v2.0/routers/{id}"),
            action("add_router_interface", OWNER, "Add a router interface.",
                    "PUT /v2.0/routers/{id}/add_router_interface"),
            action("remove_router_interface", OWNER, "Remove a router interface.",
                    "PUT /v2.0/routers/{id}/remove_router_interface"),
            action("create_floatingip", ANY, "Create a floating IP.", "POST /v2.0/floatingips"),
            action("create_floatingip:floating_ip_address", ADMIN, "Choose the floating address.",
                    "POST /v2.0/floatingips"),
            action("get_floatingip", OWNER, "Show a floating IP.", "GET /v2.0/floatingips/{id}"),
            action("update_floatingip", OWNER, "Associate or disassociate.", "PUT /v2.0/floatingips/{id}"),
            action("delete_floatingip", OWNER, "Delete a floating IP.", "DELETE /v2.0/floatingips/{id}"),
            action("create_as_other_project", ADMIN, "Create a resource for another project.", "POST /v2.0/*"),
            action("get_quota", OWNER, "Show a project's quotas.", "GET /v2.0/quotas/{project_id}"),
            action("update_quota", ADMIN, "Change quotas.", "PUT /v2.0/quotas/{project_id}"),
            action("delete_quota", ADMIN, "Reset quotas.", "DELETE /v2.0/quotas/{project_id}"),
            action("list_quotas", ADMIN, "List projects' quotas.", "GET /v2.0/quotas"),
            action("create_subnetpool", ANY, "Create a subnet pool.", "POST /v2.0/subnetpools"),
            action("create_subnetpool:shared", ADMIN, "Create a shared subnet pool.", "POST /v2.0/subnetpools"),
            action("create_subnetpool:is_default", ADMIN, "Make a default subnet pool.", "POST /v2.0/subnetpools"),
            action("get_subnetpool", OWNER_OR_SHARED, "Show a subnet pool.", "GET /v2.0/subnetpools/{id}"),
            action("update_subnetpool", OWNER, "Update a subnet pool.", "PUT /v2.0/subnetpools/{id}"),
            action("update_subnetpool:is_default", ADMIN, "Make a subnet pool the default.",
                    "PUT /v2.0/subnetpools/{id}"),
            action("delete_subnetpool", OWNER, "Delete a subnet pool.", "DELETE /v2.0/subnetpools/{id}"),
            action("get_agent", ADMIN, "List and show the agents.", "GET /v2.0/agents"));

    /** The shared enforcer evaluates the table (the one evaluator of check strings in Nubo). */
    private static final PolicyEnforcer ENFORCER = new PolicyEnforcer(TABLE);

    private Policy() {
    }

    public static boolean allows(Caller caller, String rule, Target target) {
        return ENFORCER.allows(rule, caller.principal(), target.attributes());
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
