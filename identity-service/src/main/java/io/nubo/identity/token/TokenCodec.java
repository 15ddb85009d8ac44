package io.nubo.identity.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.nubo.identity.keys.SigningKeys;
import io.nubo.shared.security.NuboPrincipal;
import io.nubo.shared.security.TokenCheck;
import io.nubo.shared.security.VerifiedTokenCache;
import io.nubo.shared.security.TokenClaims;
import java.util.Date;
import java.util.List;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/** Encodes {@link TokenFacts} as an ES256 JWS with Keystone's claim names, and decodes (and verifies) them back. */
@Component
public class TokenCodec {

    /** Identity's own claim: the trust a token was issued with (other services do not read it). */
    static final String TRUST_ID = "openstack_trust_id";

    private final SigningKeys keys;
    private final VerifiedTokenCache decoder;

    public TokenCodec(SigningKeys keys, VerifiedTokenCache decoder) {
        this.keys = keys;
        this.decoder = decoder;
    }

    public String encode(TokenFacts t) {
        JWTClaimsSet.Builder c = new JWTClaimsSet.Builder()
                .issuer(TokenClaims.ISSUER)
                .subject(t.userId())
                .issueTime(Date.from(t.issuedAt()))
                .expirationTime(Date.from(t.expiresAt()))
                .claim(TokenClaims.METHODS, t.methods())
                .claim(TokenClaims.AUDIT_IDS, t.auditIds())
                .claim(TokenClaims.USER_DOMAIN_ID, t.userDomainId());
        if (t.scope() instanceof TokenScope.Project p) {
            c.claim(TokenClaims.PROJECT_ID, p.projectId()).claim(TokenClaims.PROJECT_DOMAIN_ID, p.domainId());
        } else if (t.scope() instanceof TokenScope.Domain d) {
            c.claim(TokenClaims.DOMAIN_ID, d.domainId());
        } else if (t.scope() instanceof TokenScope.System) {
            c.claim(TokenClaims.SYSTEM, "all");
        }
        if (!(t.scope() instanceof TokenScope.Unscoped)) {
            c.claim(TokenClaims.ROLES, t.roleNames());
        }
        if (t.trustId() != null) {
            c.claim(TRUST_ID, t.trustId());
        }
        if (t.applicationCredentialId() != null) {
            c.claim(TokenClaims.APP_CRED_ID, t.applicationCredentialId());
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                    .keyID(keys.signingKey().getKeyID()).build(), c.build());
            jwt.sign(new ECDSASigner(keys.signingKey()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a token", e);
        }
    }

    /**
     * The one check of a token: signature, expiry, issuer and the revocations every service knows. Keystone tells
     * a revoked token (404 for a subject token) from an invalid one (401), so the result says which.
     */
    public TokenCheck check(String token) {
        return decoder.check(token);
    }

    /** What a verified token asserts. */
    public TokenFacts facts(TokenCheck.Verified verified) {
        Jwt jwt = verified.jwt();
        NuboPrincipal p = verified.principal();
        TokenScope scope;
        if (p.projectId() != null) {
            scope = new TokenScope.Project(p.projectId(), p.projectDomainId());
        } else if (p.domainId() != null) {
            scope = new TokenScope.Domain(p.domainId());
        } else if (p.system()) {
            scope = new TokenScope.System();
        } else {
            scope = new TokenScope.Unscoped();
        }
        List<String> methods = jwt.getClaimAsStringList(TokenClaims.METHODS);
        List<String> roles = jwt.getClaimAsStringList(TokenClaims.ROLES);
        return new TokenFacts(p.userId(), p.userDomainId(), methods == null ? List.of() : methods, p.auditIds(),
                scope, roles == null ? List.of() : roles, p.issuedAt(), p.expiresAt(),
                jwt.getClaimAsString(TokenClaims.APP_CRED_ID), jwt.getClaimAsString(TRUST_ID));
    }
}
