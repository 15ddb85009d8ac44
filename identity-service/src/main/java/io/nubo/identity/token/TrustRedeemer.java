package io.nubo.identity.token;

import java.util.List;

/** Trust-scoped authentication ({@code "scope": {"OS-TRUST:trust": {"id": ...}}}), as the trusts feature checks it. */
public interface TrustRedeemer {

    /**
     * What a trust grants its trustee.
     *
     * @param tokenUserId  whom the token names: the trustor when the trust impersonates, else the trustee
     * @param roleNames    the trust's roles that the trustor still holds on the project
     * @param auditChainId carried by every token issued with the trust, so that deleting it revokes them
     */
    record Redeemed(String trustId, String tokenUserId, String projectId, List<String> roleNames, String auditChainId) {
    }

    /** Uses the trust for its trustee (one of its remaining uses, if limited); null when it may not (a 401). */
    Redeemed redeem(String trustId, String trusteeUserId);

    /** How a token issued with the trust names it, or null. */
    TokenBody.Trust describe(String trustId);
}
