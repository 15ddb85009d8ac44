package io.nubo.identity.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import io.nubo.shared.security.TokenVerificationKeys;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Identity's token signing key: an EC P-256 key (ES256, like Keystone's JWS provider), generated on first start
 * and kept in the database so that restarts and every identity instance sign with the same key.
 */
@Component
public class SigningKeys implements TokenVerificationKeys {

    private final ECKey signingKey;
    private final JWKSet publicKeys;

    public SigningKeys(SigningKeyRepository repository, TransactionTemplate tx) {
        List<SigningKeyEntity> active = tx.execute(s -> {
            List<SigningKeyEntity> keys = repository.findByActiveTrue();
            if (keys.isEmpty()) {
                ECKey generated = generate();
                repository.save(new SigningKeyEntity(generated.getKeyID(), generated.toJSONString(), Instant.now(),
                        true));
                keys = repository.findByActiveTrue();
            }
            return keys;
        });
        try {
            this.signingKey = JWK.parse(active.get(0).getJwk()).toECKey();
            this.publicKeys = new JWKSet(active.stream().map(k -> {
                try {
                    return (JWK) JWK.parse(k.getJwk()).toPublicJWK();
                } catch (ParseException e) {
                    throw new IllegalStateException("Unreadable signing key in signing_keys", e);
                }
            }).toList());
        } catch (ParseException e) {
            throw new IllegalStateException("Unreadable signing key in signing_keys", e);
        }
    }

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                    .keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not generate the token signing key", e);
        }
    }

    public ECKey signingKey() {
        return signingKey;
    }

    @Override
    public JWKSet publicKeys() {
        return publicKeys;
    }
}
