package io.nubo.gateway;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.stripPrefix;
import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * DevStack-style routing: {@code /<prefix>/**} goes to that service with the prefix stripped; the gateway's
 * forwarded-headers filter tells the service its public host and prefix. Bodies stream through untouched.
 */
@Configuration(proxyBeanMethods = false)
public class GatewayRoutes {

    private static final Logger log = LoggerFactory.getLogger(GatewayRoutes.class);

    private static final String CHOSEN = GatewayRoutes.class.getName() + ".instance";

    /** The proxy's HTTP client: Spring Cloud Gateway's RestClient takes the context's ClientHttpRequestFactory. */
    @Bean
    ClientHttpRequestFactory gatewayRequestFactory() {
        return new JettyProxyRequestFactory();
    }

    /**
     * Tomcat reads a request body 8 KiB per socket read by default; an upload is read here and written on to the
     * service in 64 KiB steps ({@link JettyProxyRequestFactory}), so read it in 64 KiB too, as the object store does
     * (its {@code SwiftWebConfiguration}): a 64 MiB PUT is 1024 reads instead of 8192.
     */
    @Bean
    TomcatConnectorCustomizer largerBodyReads() {
        return connector -> connector.setProperty("socket.appReadBufSize", "65536");
    }

    @Bean
    ServiceBalancer serviceBalancer(GatewayRoutesProperties props) {
        return new ServiceBalancer(props);
    }

    @Bean
    @Order(1)
    RouterFunction<ServerResponse> serviceRoutes(GatewayRoutesProperties props, ServiceBalancer balancer) {
        RouterFunction<ServerResponse> all = null;
        for (String prefix : props.routes().keySet()) {
            ServiceInstances instances = balancer.instances(prefix);
            RouterFunction<ServerResponse> r = route(prefix)
                    .route(RequestPredicates.path("/" + prefix).or(RequestPredicates.path("/" + prefix + "/**")),
                            retryElsewhere(http(), instances))
                    .before(request -> {
                        URI chosen = instances.choose().orElseThrow(() -> new NoInstanceException(prefix));
                        request.attributes().put(CHOSEN, chosen);
                        return uri(chosen).apply(request);
                    })
                    .before(forwardedPrefix("/" + prefix))
                    .before(stripPrefix(1))
                    .onError(Exception.class, (ex, request) -> {
                        Object chosen = request.attributes().get(CHOSEN);
                        if (chosen instanceof URI u && instances.balanced()) {
                            instances.unreachable(u);
                        }
                        log.warn("{} service unreachable at {}: {}", prefix, chosen, ex.toString());
                        return GatewayErrors.of(HttpStatus.SERVICE_UNAVAILABLE,
                                "The " + prefix + " service is not available.");
                    })
                    .build();
            all = all == null ? r : all.and(r);
        }
        return all;
    }

    /**
     * A GET or HEAD that could not even connect to its instance (killed, not yet out of the rotation) is sent to
     * the next healthy one: nothing reached the first, and such a request has no body to replay.
     */
    static HandlerFunction<ServerResponse> retryElsewhere(HandlerFunction<ServerResponse> proxy,
                                                          ServiceInstances instances) {
        return request -> {
            try {
                return proxy.handle(request);
            } catch (Exception e) {
                if (!instances.balanced() || !connectFailure(e) || !SAFE.contains(request.method())) {
                    throw e;
                }
                instances.unreachable((URI) request.attributes().get(CHOSEN));
                URI next = instances.choose().orElseThrow(() -> e);
                request.attributes().put(CHOSEN, next);
                return proxy.handle(uri(next).apply(request));
            }
        };
    }

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD);

    static boolean connectFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** Every instance of a balanced route is out of the rotation. */
    static final class NoInstanceException extends RuntimeException {
        NoInstanceException(String prefix) {
            super("no healthy " + prefix + " instance");
        }
    }

    /** Sets (never appends) the prefix, so a client cannot make a service build links elsewhere. */
    static java.util.function.Function<ServerRequest, ServerRequest> forwardedPrefix(String prefix) {
        return request -> ServerRequest.from(request).headers(h -> h.set("X-Forwarded-Prefix", prefix)).build();
    }

    @Bean
    @Order(2)
    RouterFunction<ServerResponse> index(GatewayRoutesProperties props) {
        return RouterFunctions.route()
                .GET("/", request -> {
                    if (PortalRoutes.browser(request)) {
                        return PortalRoutes.redirect();
                    }
                    Map<String, Object> services = new LinkedHashMap<>();
                    for (String prefix : props.routes().keySet()) {
                        services.put(prefix, ServletUriComponentsBuilder.fromCurrentContextPath().path("/" + prefix)
                                .build().toUriString());
                    }
                    return ServerResponse.ok().body(Map.of("services", services));
                })
                .build();
    }

    @Bean
    @Order(3)
    RouterFunction<ServerResponse> notFound() {
        return RouterFunctions.route()
                .route(request -> !List.of("/healthcheck", "/error").contains(request.path())
                                && !request.path().startsWith("/healthcheck/"),
                        request -> GatewayErrors.of(HttpStatus.NOT_FOUND, "The resource could not be found."))
                .build();
    }
}
