package io.nubo.identity.token;

import java.util.List;

/** The {@code application_credential} auth method, as the feature that owns application credentials checks it. */
public interface ApplicationCredentialVerifier {

    /**
     * What a valid credential and secret grant.
     *
     * @param auditChainId carried by every token issued with the credential, so that deleting it revokes them
     */
    record Verified(String credentialId, String userId, String projectId, List<String> roleIds,
                    String auditChainId) {
    }

    /** The grant, or null when the credential is unknown, expired or the secret wrong (the caller answers 401). */
    Verified verify(AuthRequest.ApplicationCredential credential);

    /** How a token issued with the credential names it ({@code id}, {@code name}, {@code restricted}), or null. */
    TokenBody.ApplicationCredential describe(String credentialId);
}
