package io.nubo.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code nubo.gateway.routes.<prefix>=<service base URL>[,<another instance>...]}: each path prefix and the
 * instances behind it. With more than one instance the gateway balances over those whose
 * {@code healthPath} answered 200 at the last check, every {@code healthInterval}.
 *
 * @param routes         prefix to instance base URLs
 * @param healthPath     the path each instance is checked on (its readiness group)
 * @param healthInterval how often each instance of a balanced route is checked
 * @param healthTimeout  how long one check may take before the instance counts as down
 */
@ConfigurationProperties("nubo.gateway")
public record GatewayRoutesProperties(Map<String, List<URI>> routes,
                                      @DefaultValue("/healthcheck/readiness") String healthPath,
                                      @DefaultValue("1s") Duration healthInterval,
                                      @DefaultValue("1s") Duration healthTimeout) {

    public GatewayRoutesProperties {
        if (routes == null || routes.isEmpty() || routes.values().stream().anyMatch(l -> l == null || l.isEmpty())) {
            throw new IllegalStateException("nubo.gateway.routes must name at least one prefix and its service URL");
        }
        routes = new TreeMap<>(routes);
    }
}
