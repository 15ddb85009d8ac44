package io.nubo.image.store;

import io.nubo.shared.security.ServiceUserSession;
import java.io.IOException;
import java.net.http.HttpClient;

/**
 * The image service's own session with the object store: a Keystone v3 password token for the service's account
 * (shared-contracts' {@link ServiceUserSession}) and the object-store endpoint from its catalog, renewed a minute
 * before it expires or when Swift answers 401.
 */
public final class SwiftConnection {

    /** The service's credentials, as a Keystone v3 password authentication needs them. */
    public record Credentials(String authUrl, String user, String userDomain, String password, String project,
                       String projectDomain, String region, String endpointInterface) {
    }

    private final Credentials credentials;
    private final ServiceUserSession session;

    SwiftConnection(Credentials credentials, HttpClient http) {
        this.credentials = credentials;
        this.session = new ServiceUserSession(http, new ServiceUserSession.Credentials(credentials.authUrl(),
                credentials.user(), credentials.password(), credentials.userDomain(), credentials.project(),
                credentials.projectDomain()));
    }

    String token() throws IOException {
        return session.tokenId();
    }

    /** {@code https://host/v1/AUTH_project}, from the catalog. */
    String storageUrl() throws IOException {
        return session.current().endpoint("object-store", credentials.endpointInterface(), credentials.region())
                .orElseThrow(() -> new IOException("no " + credentials.endpointInterface()
                        + " object-store endpoint in the catalog"));
    }

    void invalidate() {
        session.forget();
    }
}
