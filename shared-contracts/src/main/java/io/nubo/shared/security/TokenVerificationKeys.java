package io.nubo.shared.security;

import com.nimbusds.jose.jwk.JWKSet;

/**
 * The public keys tokens are verified with. Identity provides this bean from its own key store; every other
 * service has none and fetches the keys from identity's JWKS endpoint once (then caches them).
 */
public interface TokenVerificationKeys {

    JWKSet publicKeys();
}
