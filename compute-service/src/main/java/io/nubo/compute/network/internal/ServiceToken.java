package io.nubo.compute.network.internal;

import io.nubo.compute.error.ComputeError;
import io.nubo.shared.security.ServiceUserSession;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A token for compute's own service user (password, project scope; shared-contracts' {@link ServiceUserSession},
 * kept until a minute before it expires): what binds ports, as Nova's {@code [neutron]} credentials do.
 */
public final class ServiceToken implements Supplier<String> {

    private final ServiceUserSession session;

    public ServiceToken(String identityUrl, String user, String password, String project, String domain) {
        this.session = new ServiceUserSession(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
                new ServiceUserSession.Credentials(identityUrl, user, password, domain, project, domain));
    }

    @Override
    public String get() {
        try {
            return session.tokenId();
        } catch (IOException e) {
            throw ComputeError.UNAVAILABLE.exception("Compute could not sign in to bind network ports: "
                    + e.getMessage());
        }
    }
}
