package io.nubo.shared.security;

/**
 * Claim names inside a Nubo token (a JWS, ES256). They follow Keystone's JWS token provider
 * ({@code openstack_*}); {@code openstack_roles} is ours, so that services can authorize without calling identity.
 */
public final class TokenClaims {

    public static final String ISSUER = "nubo-identity";
    public static final String METHODS = "openstack_methods";
    public static final String AUDIT_IDS = "openstack_audit_ids";
    public static final String USER_DOMAIN_ID = "openstack_user_domain_id";
    public static final String PROJECT_ID = "openstack_project_id";
    public static final String PROJECT_DOMAIN_ID = "openstack_project_domain_id";
    public static final String DOMAIN_ID = "openstack_domain_id";
    public static final String SYSTEM = "openstack_system";
    public static final String ROLES = "openstack_roles";
    public static final String APP_CRED_ID = "openstack_app_cred_id";

    private TokenClaims() {
    }
}
