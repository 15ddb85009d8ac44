package io.nubo.identity.access;

import static io.nubo.shared.policy.PolicyRule.action;
import static io.nubo.shared.policy.PolicyRule.base;

import io.nubo.shared.policy.PolicyRule;
import io.nubo.shared.policy.PolicyTable;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Identity's access rules as data, after Keystone's {@code keystone/common/policies} with its legacy rule that
 * {@code admin} on any scope administers everything: changes need {@code admin}; reading the directory needs
 * {@code admin}, or {@code reader} (which {@code member} implies) on the system (everything) or on a domain (that
 * domain's users, groups, projects and assignments only). A user always reads itself, and a project-scoped token
 * its own project. Handlers name their action with {@code @Policy}; the shared {@code PolicyEnforcer} is the one
 * place these rules are evaluated; {@code ProtectionMatrixTest} walks this table.
 */
@Configuration(proxyBeanMethods = false)
public class IdentityPolicies {

    static final String ADMIN = "rule:admin_required";
    static final String READER = "rule:reader_of_domain";
    static final String ADMIN_OR_OWNER = "rule:admin_required or user_id:%(userId)s";

    public static final PolicyTable TABLE = new PolicyTable(rules());

    @Bean
    PolicyTable identityPolicyTable() {
        return TABLE;
    }

    private static List<PolicyRule> rules() {
        List<PolicyRule> r = new ArrayList<>(List.of(
                base("admin_required", "role:admin", "An administrator (admin on any scope)."),
                base("system_reader", "rule:admin_required or (role:reader and system_scope:all)",
                        "Reads everything: an administrator, or a reader with a system-scoped token."),
                base("domain_reader", "role:reader and domain_id:%(domain_id)s",
                        "A reader with a token scoped to the domain the thing lives in."),
                base("reader_of_domain", "rule:system_reader or rule:domain_reader",
                        "Reads a thing of a domain; a list shows a domain reader its own domain's things only.")));

        r.addAll(List.of(
                action("identity:list_domains", READER, "List domains.", "GET /v3/domains"),
                action("identity:get_domain", "rule:admin_required or domain_id:%(id)s or project_domain_id:%(id)s",
                        "Show a domain: an administrator, or a token scoped to it or to a project in it.",
                        "GET /v3/domains/{id}"),
                action("identity:create_domain", ADMIN, "Create a domain.", "POST /v3/domains"),
                action("identity:update_domain", ADMIN, "Update a domain.", "PATCH /v3/domains/{id}"),
                action("identity:delete_domain", ADMIN, "Delete a domain.", "DELETE /v3/domains/{id}"),
                action("identity:list_projects", READER, "List projects.", "GET /v3/projects"),
                action("identity:get_project", "project_id:%(id)s or " + READER,
                        "Show a project: a token scoped to it, or a reader of its domain (anyone else gets 403, "
                                + "whether it exists or not).", "GET /v3/projects/{id}"),
                action("identity:create_project", ADMIN, "Create a project.", "POST /v3/projects"),
                action("identity:update_project", ADMIN, "Update a project.", "PATCH /v3/projects/{id}"),
                action("identity:delete_project", ADMIN, "Delete a project.", "DELETE /v3/projects/{id}"),
                action("identity:get_project_tags", ADMIN, "List a project's tags.", "GET /v3/projects/{id}/tags"),
                action("identity:update_project_tags", ADMIN, "Replace a project's tags.",
                        "PUT /v3/projects/{id}/tags"),
                action("identity:create_project_tag", ADMIN, "Add a tag.", "PUT /v3/projects/{id}/tags/{tag}"),
                action("identity:get_project_tag", ADMIN, "Check a tag.", "GET /v3/projects/{id}/tags/{tag}"),
                action("identity:delete_project_tag", ADMIN, "Remove a tag.",
                        "DELETE /v3/projects/{id}/tags/{tag}"),
                action("identity:delete_project_tags", ADMIN, "Remove every tag.", "DELETE /v3/projects/{id}/tags"),
                action("identity:list_users", READER, "List users.", "GET /v3/users"),
                action("identity:get_user", "user_id:%(id)s or " + READER,
                        "Show a user: the user itself, or a reader of its domain.", "GET /v3/users/{id}"),
                action("identity:create_user", ADMIN, "Create a user.", "POST /v3/users"),
                action("identity:update_user", ADMIN, "Update a user.", "PATCH /v3/users/{id}"),
                action("identity:delete_user", ADMIN, "Delete a user.", "DELETE /v3/users/{id}"),
                action("identity:change_password", "@", "Change one's own password (the old one proves who).",
                        "POST /v3/users/{id}/password"),
                action("identity:list_user_projects", "rule:admin_required or user_id:%(id)s",
                        "List the projects a user has roles on.", "GET /v3/users/{id}/projects"),
                action("identity:list_roles", READER, "List roles.", "GET /v3/roles"),
                action("identity:get_role", ADMIN, "Show a role.", "GET /v3/roles/{id}"),
                action("identity:create_role", ADMIN, "Create a role.", "POST /v3/roles"),
                action("identity:update_role", ADMIN, "Update a role.", "PATCH /v3/roles/{id}"),
                action("identity:delete_role", ADMIN, "Delete a role.", "DELETE /v3/roles/{id}"),
                action("identity:create_implied_role", ADMIN, "Make a role imply another.",
                        "PUT /v3/roles/{priorId}/implies/{impliedId}"),
                action("identity:get_implied_role", ADMIN, "Show a role inference.",
                        "GET /v3/roles/{priorId}/implies/{impliedId}"),
                action("identity:check_implied_role", ADMIN, "Check a role inference.",
                        "HEAD /v3/roles/{priorId}/implies/{impliedId}"),
                action("identity:delete_implied_role", ADMIN, "Remove a role inference.",
                        "DELETE /v3/roles/{priorId}/implies/{impliedId}"),
                action("identity:list_implied_roles", ADMIN, "List what a role implies.",
                        "GET /v3/roles/{priorId}/implies"),
                action("identity:list_role_inference_rules", ADMIN, "List every role inference.",
                        "GET /v3/role_inferences"),
                action("identity:list_groups", READER, "List groups.", "GET /v3/groups"),
                action("identity:get_group", READER, "Show a group.", "GET /v3/groups/{id}"),
                action("identity:create_group", ADMIN, "Create a group.", "POST /v3/groups"),
                action("identity:update_group", ADMIN, "Update a group.", "PATCH /v3/groups/{id}"),
                action("identity:delete_group", ADMIN, "Delete a group.", "DELETE /v3/groups/{id}"),
                action("identity:list_users_in_group", ADMIN, "List a group's members.",
                        "GET /v3/groups/{id}/users"),
                action("identity:add_user_to_group", ADMIN, "Add a member.", "PUT /v3/groups/{id}/users/{userId}"),
                action("identity:check_user_in_group", ADMIN, "Check a member.",
                        "HEAD /v3/groups/{id}/users/{userId}"),
                action("identity:remove_user_from_group", ADMIN, "Remove a member.",
                        "DELETE /v3/groups/{id}/users/{userId}"),
                action("identity:list_groups_for_user", ADMIN_OR_OWNER, "List a user's groups.",
                        "GET /v3/users/{userId}/groups"),
                action("identity:list_grants", ADMIN, "List the roles granted to an actor on a target.",
                        "GET /v3/{projects|domains}/{targetId}/{users|groups}/{actorId}/roles",
                        "GET /v3/OS-INHERIT/{projects|domains}/{targetId}/{users|groups}/{actorId}/roles"
                                + "/inherited_to_projects", "GET /v3/system/{users|groups}/{actorId}/roles"),
                action("identity:check_grant", ADMIN, "Check a grant.",
                        "HEAD /v3/{projects|domains}/{targetId}/{users|groups}/{actorId}/roles/{roleId}",
                        "HEAD /v3/OS-INHERIT/{projects|domains}/{targetId}/{users|groups}/{actorId}/roles/{roleId}"
                                + "/inherited_to_projects", "HEAD /v3/system/{users|groups}/{actorId}/roles/{roleId}"),
                action("identity:create_grant", ADMIN, "Grant a role.",
                        "PUT /v3/{projects|domains}/{targetId}/{users|groups}/{actorId}/roles/{roleId}",
                        "PUT /v3/OS-INHERIT/{projects|domains}/{targetId}/{users|groups}/{actorId}/roles/{roleId}"
                                + "/inherited_to_projects", "PUT /v3/system/{users|groups}/{actorId}/roles/{roleId}"),
                action("identity:revoke_grant", ADMIN, "Remove a grant (the affected tokens are revoked).",
                        "DELETE /v3/{projects|domains}/{targetId}/{users|groups}/{actorId}/roles/{roleId}",
                        "DELETE /v3/OS-INHERIT/{projects|domains}/{targetId}/{users|groups}/{actorId}/roles"
                                + "/{roleId}/inherited_to_projects",
                        "DELETE /v3/system/{users|groups}/{actorId}/roles/{roleId}"),
                action("identity:list_role_assignments", READER,
                        "List role assignments (a domain reader: those on its domain and its projects).",
                        "GET /v3/role_assignments")));

        r.addAll(List.of(
                action("identity:list_regions", ADMIN, "List regions.", "GET /v3/regions"),
                action("identity:get_region", ADMIN, "Show a region.", "GET /v3/regions/{id}"),
                action("identity:create_region", ADMIN, "Create a region.", "POST /v3/regions",
                        "PUT /v3/regions/{id}"),
                action("identity:update_region", ADMIN, "Update a region.", "PATCH /v3/regions/{id}"),
                action("identity:delete_region", ADMIN, "Delete a region.", "DELETE /v3/regions/{id}"),
                action("identity:list_services", ADMIN, "List services.", "GET /v3/services"),
                action("identity:get_service", ADMIN, "Show a service.", "GET /v3/services/{id}"),
                action("identity:create_service", ADMIN, "Create a service.", "POST /v3/services"),
                action("identity:update_service", ADMIN, "Update a service.", "PATCH /v3/services/{id}"),
                action("identity:delete_service", ADMIN, "Delete a service.", "DELETE /v3/services/{id}"),
                action("identity:list_endpoints", ADMIN, "List endpoints.", "GET /v3/endpoints"),
                action("identity:get_endpoint", ADMIN, "Show an endpoint.", "GET /v3/endpoints/{id}"),
                action("identity:create_endpoint", ADMIN, "Create an endpoint.", "POST /v3/endpoints"),
                action("identity:update_endpoint", ADMIN, "Update an endpoint.", "PATCH /v3/endpoints/{id}"),
                action("identity:delete_endpoint", ADMIN, "Delete an endpoint.", "DELETE /v3/endpoints/{id}"),
                action("identity:list_endpoint_groups", ADMIN, "List endpoint groups.",
                        "GET /v3/OS-EP-FILTER/endpoint_groups"),
                action("identity:get_endpoint_group", ADMIN, "Show an endpoint group.",
                        "GET /v3/OS-EP-FILTER/endpoint_groups/{id}"),
                action("identity:create_endpoint_group", ADMIN, "Create an endpoint group.",
                        "POST /v3/OS-EP-FILTER/endpoint_groups"),
                action("identity:update_endpoint_group", ADMIN, "Update an endpoint group.",
                        "PATCH /v3/OS-EP-FILTER/endpoint_groups/{id}"),
                action("identity:delete_endpoint_group", ADMIN, "Delete an endpoint group.",
                        "DELETE /v3/OS-EP-FILTER/endpoint_groups/{id}"),
                action("identity:add_endpoint_group_to_project", ADMIN, "Associate a project.",
                        "PUT /v3/OS-EP-FILTER/endpoint_groups/{id}/projects/{projectId}"),
                action("identity:remove_endpoint_group_from_project", ADMIN, "Dissociate a project.",
                        "DELETE /v3/OS-EP-FILTER/endpoint_groups/{id}/projects/{projectId}"),
                action("identity:get_endpoint_group_in_project", ADMIN, "Check a project's association.",
                        "GET /v3/OS-EP-FILTER/endpoint_groups/{id}/projects/{projectId}"),
                action("identity:list_projects_associated_with_endpoint_group", ADMIN,
                        "List an endpoint group's projects.", "GET /v3/OS-EP-FILTER/endpoint_groups/{id}/projects"),
                action("identity:list_endpoint_groups_for_project", ADMIN, "List a project's endpoint groups.",
                        "GET /v3/OS-EP-FILTER/projects/{projectId}/endpoint_groups"),
                action("identity:get_domain_config", ADMIN, "Show a domain's configuration.",
                        "GET /v3/domains/{id}/config", "GET /v3/domains/{id}/config/{group}",
                        "GET /v3/domains/{id}/config/{group}/{option}"),
                action("identity:create_domain_config", ADMIN, "Store a domain's configuration.",
                        "PUT /v3/domains/{id}/config"),
                action("identity:update_domain_config", ADMIN, "Update a domain's configuration.",
                        "PATCH /v3/domains/{id}/config", "PATCH /v3/domains/{id}/config/{group}",
                        "PATCH /v3/domains/{id}/config/{group}/{option}"),
                action("identity:delete_domain_config", ADMIN, "Delete a domain's configuration.",
                        "DELETE /v3/domains/{id}/config", "DELETE /v3/domains/{id}/config/{group}",
                        "DELETE /v3/domains/{id}/config/{group}/{option}"),
                action("identity:get_domain_config_default", ADMIN, "Show the configuration defaults.",
                        "GET /v3/domains/config/default", "GET /v3/domains/config/{group}/default",
                        "GET /v3/domains/config/{group}/{option}/default"),
                action("identity:list_policies", ADMIN, "List stored policies.", "GET /v3/policies"),
                action("identity:get_policy", ADMIN, "Show a stored policy.", "GET /v3/policies/{id}"),
                action("identity:create_policy", ADMIN, "Store a policy.", "POST /v3/policies"),
                action("identity:update_policy", ADMIN, "Update a stored policy.", "PATCH /v3/policies/{id}"),
                action("identity:delete_policy", ADMIN, "Delete a stored policy.", "DELETE /v3/policies/{id}"),
                action("identity:create_consumer", ADMIN, "Create an OAuth1 consumer.",
                        "POST /v3/OS-OAUTH1/consumers"),
                action("identity:list_consumers", ADMIN, "List OAuth1 consumers.", "GET /v3/OS-OAUTH1/consumers"),
                action("identity:get_consumer", ADMIN, "Show an OAuth1 consumer.",
                        "GET /v3/OS-OAUTH1/consumers/{id}"),
                action("identity:update_consumer", ADMIN, "Update an OAuth1 consumer.",
                        "PATCH /v3/OS-OAUTH1/consumers/{id}"),
                action("identity:delete_consumer", ADMIN, "Delete an OAuth1 consumer.",
                        "DELETE /v3/OS-OAUTH1/consumers/{id}")));

        r.addAll(List.of(
                action("identity:validate_token", "rule:admin_required or role:service or user_id:%(token.user_id)s",
                        "Validate, check or revoke a token: an administrator, a service, or the token's own user.",
                        "GET /v3/auth/tokens", "HEAD /v3/auth/tokens", "DELETE /v3/auth/tokens"),
                action("identity:get_auth_catalog", "@", "The caller's catalog (a scoped token).",
                        "GET /v3/auth/catalog"),
                action("identity:get_auth_projects", "@", "The projects the caller has roles on.",
                        "GET /v3/auth/projects"),
                action("identity:get_auth_domains", "@", "The domains the caller has roles on.",
                        "GET /v3/auth/domains"),
                action("identity:list_credentials", "@", "List credentials: an administrator all, anyone else "
                        + "its own (filtered, never refused).", "GET /v3/credentials"),
                action("identity:create_credential", "rule:admin_required or user_id:%(user_id)s",
                        "Create a credential for oneself (an administrator for anyone).", "POST /v3/credentials"),
                action("identity:get_credential", "@", "Show a credential: Credentials answers 404 to anyone but "
                        + "its owner and an administrator.", "GET /v3/credentials/{id}"),
                action("identity:update_credential", "rule:admin_required or user_id:%(user_id)s",
                        "Update a credential; giving it to another user needs an administrator.",
                        "PATCH /v3/credentials/{id}"),
                action("identity:delete_credential", "@", "Delete a credential (visibility as get_credential).",
                        "DELETE /v3/credentials/{id}"),
                action("identity:ec2_list_credentials", ADMIN_OR_OWNER, "List a user's EC2 credentials.",
                        "GET /v3/users/{userId}/credentials/OS-EC2"),
                action("identity:ec2_get_credential", ADMIN_OR_OWNER, "Show an EC2 credential.",
                        "GET /v3/users/{userId}/credentials/OS-EC2/{access}"),
                action("identity:ec2_create_credential", ADMIN_OR_OWNER, "Create an EC2 credential.",
                        "POST /v3/users/{userId}/credentials/OS-EC2"),
                action("identity:ec2_delete_credential", ADMIN_OR_OWNER, "Delete an EC2 credential.",
                        "DELETE /v3/users/{userId}/credentials/OS-EC2/{access}"),
                action("identity:create_application_credential", "user_id:%(userId)s",
                        "Create an application credential: the user itself only, with a project-scoped token.",
                        "POST /v3/users/{userId}/application_credentials"),
                action("identity:list_application_credentials", ADMIN_OR_OWNER,
                        "List a user's application credentials.", "GET /v3/users/{userId}/application_credentials"),
                action("identity:get_application_credential", ADMIN_OR_OWNER, "Show an application credential.",
                        "GET /v3/users/{userId}/application_credentials/{id}"),
                action("identity:delete_application_credential", ADMIN_OR_OWNER,
                        "Delete an application credential.", "DELETE /v3/users/{userId}/application_credentials/{id}"),
                action("identity:list_access_rules", ADMIN_OR_OWNER, "List a user's access rules.",
                        "GET /v3/users/{userId}/access_rules"),
                action("identity:get_access_rule", ADMIN_OR_OWNER, "Show an access rule.",
                        "GET /v3/users/{userId}/access_rules/{id}"),
                action("identity:delete_access_rule", ADMIN_OR_OWNER, "Delete an access rule.",
                        "DELETE /v3/users/{userId}/access_rules/{id}"),
                action("identity:create_trust", "@", "Create a trust; Trusts refuses anyone but the trustor.",
                        "POST /v3/OS-TRUST/trusts"),
                action("identity:list_trusts", "rule:admin_required or user_id:%(trustor_user_id)s"
                                + " or user_id:%(trustee_user_id)s",
                        "List trusts: all for an administrator, else those the caller is trustor or trustee of.",
                        "GET /v3/OS-TRUST/trusts"),
                action("identity:get_trust", "@", "Show a trust; Trusts answers 404 to anyone but its trustor, its "
                        + "trustee and an administrator.", "GET /v3/OS-TRUST/trusts/{id}"),
                action("identity:delete_trust", "@", "Delete a trust; Trusts answers 404 to anyone but its trustor "
                        + "and an administrator.", "DELETE /v3/OS-TRUST/trusts/{id}"),
                action("identity:list_roles_for_trust", "@", "List a trust's roles (visibility as get_trust).",
                        "GET /v3/OS-TRUST/trusts/{id}/roles"),
                action("identity:get_role_for_trust", "@", "Show one of a trust's roles (visibility as get_trust).",
                        "GET /v3/OS-TRUST/trusts/{id}/roles/{roleId}")));
        return r;
    }
}
