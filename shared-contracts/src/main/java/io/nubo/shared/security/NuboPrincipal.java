package io.nubo.shared.security;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, as the verified token says: the user, the scope (project, domain or system) and the roles.
 *
 * @param userId          the user's id ({@code sub})
 * @param userDomainId    the user's domain
 * @param projectId       the project the token is scoped to, or null
 * @param projectDomainId that project's domain, or null
 * @param domainId        the domain the token is scoped to, or null
 * @param system          true for a system-scoped token
 * @param roles           role names on the scope
 * @param auditIds        the token's audit ids: its own first, then its chain's
 * @param issuedAt        when the token was issued
 * @param expiresAt       when it expires
 * @param applicationCredentialId the application credential the token was issued with, or null
 */
public record NuboPrincipal(String userId, String userDomainId, String projectId, String projectDomainId,
                            String domainId, boolean system, Set<String> roles, List<String> auditIds,
                            Instant issuedAt, Instant expiresAt, String applicationCredentialId) {

    /** A caller whose token was not issued with an application credential. */
    public NuboPrincipal(String userId, String userDomainId, String projectId, String projectDomainId,
                         String domainId, boolean system, Set<String> roles, List<String> auditIds,
                         Instant issuedAt, Instant expiresAt) {
        this(userId, userDomainId, projectId, projectDomainId, domainId, system, roles, auditIds, issuedAt,
                expiresAt, null);
    }

    public static NuboPrincipal of(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList(TokenClaims.ROLES);
        List<String> audit = jwt.getClaimAsStringList(TokenClaims.AUDIT_IDS);
        return new NuboPrincipal(jwt.getSubject(), jwt.getClaimAsString(TokenClaims.USER_DOMAIN_ID),
                jwt.getClaimAsString(TokenClaims.PROJECT_ID), jwt.getClaimAsString(TokenClaims.PROJECT_DOMAIN_ID),
                jwt.getClaimAsString(TokenClaims.DOMAIN_ID), "all".equals(jwt.getClaimAsString(TokenClaims.SYSTEM)),
                roles == null ? Set.of() : Set.copyOf(roles), audit == null ? List.of() : List.copyOf(audit),
                jwt.getIssuedAt(), jwt.getExpiresAt(), jwt.getClaimAsString(TokenClaims.APP_CRED_ID));
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return roles.contains("admin");
    }
}
