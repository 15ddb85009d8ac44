package io.nubo.shared.security;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What checking a token found, once: verified (with its caller, built once per token), revoked (Keystone answers a
 * revoked subject token with 404, a revoked auth token with 401), or invalid (bad signature, expired, malformed).
 */
public sealed interface TokenCheck {

    record Verified(Jwt jwt, NuboPrincipal principal) implements TokenCheck {
    }

    record Revoked(Jwt jwt) implements TokenCheck {
    }

    record Invalid(String reason) implements TokenCheck {
    }
}
