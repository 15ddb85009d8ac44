package io.nubo.shared.security;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/** Refuses a token that a revocation event matches. */
public class RevocationValidator implements OAuth2TokenValidator<Jwt> {

    private final RevocationList revocations;

    public RevocationValidator(RevocationList revocations) {
        this.revocations = revocations;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        if (revocations.isRevoked(NuboPrincipal.of(token))) {
            return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "The token has been revoked.",
                    null));
        }
        return OAuth2TokenValidatorResult.success();
    }
}
