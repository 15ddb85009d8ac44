package io.nubo.computeagent.disk;

import io.nubo.shared.security.ServiceUserSession;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;

/**
 * A token for the agent's own service account, by password ({@code POST /v3/auth/tokens}, project scope), kept
 * until a minute before it expires: shared-contracts' {@link ServiceUserSession}, its failures as the agent's
 * {@link DiskException}.
 */
public final class KeystoneToken {

    /** The account: {@code user} in {@code userDomain}, scoped to {@code project} in {@code projectDomain}. */
    public record Credentials(URI identityUrl, String user, String password, String project, String userDomain,
                              String projectDomain) {
    }

    private final ServiceUserSession session;

    public KeystoneToken(HttpClient http, Credentials credentials) {
        this.session = new ServiceUserSession(http, new ServiceUserSession.Credentials(
                credentials.identityUrl().toString(), credentials.user(), credentials.password(),
                credentials.userDomain(), credentials.project(), credentials.projectDomain()));
    }

    public String get() {
        try {
            return session.tokenId();
        } catch (IOException e) {
            throw new DiskException("the agent could not sign in to the identity service: " + e.getMessage(), e);
        }
    }

    public void forget() {
        session.forget();
    }
}
