package io.nubo.compute.network;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How compute reaches the network service, {@code nubo.compute.network.*} (Nova's {@code [neutron]} section).
 *
 * @param url          the network service's base URL (Neutron v2.0 under it); unset: the cloud has no network
 *                     service and servers boot without NICs
 * @param identityUrl  Keystone v3, where compute signs in as its service user to bind ports
 * @param username     compute's service user (role {@code service} in {@code project}), Nova's {@code nova}
 * @param password     its password
 * @param project      its project, DevStack's {@code service}
 * @param domain       the domain of the user and the project
 */
@ConfigurationProperties("nubo.compute.network")
public record NetworkApiProperties(
        String url,
        String identityUrl,
        @DefaultValue("nova") String username,
        String password,
        @DefaultValue("service") String project,
        @DefaultValue("Default") String domain) {

    public NetworkApiProperties {
        if (url != null && !url.isBlank() && (identityUrl == null || identityUrl.isBlank() || password == null)) {
            throw new IllegalStateException("nubo.compute.network.url is set, so nubo.compute.network.identity-url"
                    + " and nubo.compute.network.password (compute's service user, to bind ports) are required too");
        }
    }

    public boolean configured() {
        return url != null && !url.isBlank();
    }
}
