package io.nubo.gateway;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code nubo.gateway.routes.<prefix>=<service base URL>}: each path prefix and the service behind it.
 */
@ConfigurationProperties("nubo.gateway")
public record GatewayRoutesProperties(Map<String, URI> routes) {

    public GatewayRoutesProperties {
        if (routes == null || routes.isEmpty()) {
            throw new IllegalStateException("nubo.gateway.routes must name at least one prefix and its service URL");
        }
        routes = new TreeMap<>(routes);
    }
}
