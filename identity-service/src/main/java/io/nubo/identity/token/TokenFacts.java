package io.nubo.identity.token;

import java.time.Instant;
import java.util.List;

/**
 * What a token asserts, independent of its encoding: the domain model between the JWS claims and the wire body.
 *
 * @param auditIds the token's own audit id first, then the id of the chain it was rescoped from
 * @param applicationCredentialId the application credential it was issued with, or null
 * @param trustId the trust it was issued with, or null
 */
public record TokenFacts(String userId, String userDomainId, List<String> methods, List<String> auditIds,
                         TokenScope scope, List<String> roleNames, Instant issuedAt, Instant expiresAt,
                         String applicationCredentialId, String trustId) {
}
