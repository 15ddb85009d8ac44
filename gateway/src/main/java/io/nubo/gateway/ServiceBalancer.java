package io.nubo.gateway;

import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Every route's {@link ServiceInstances}, and the thread that health-checks the balanced ones (those with more
 * than one instance) every {@code nubo.gateway.health-interval}.
 */
final class ServiceBalancer implements SmartLifecycle {

    private final GatewayRoutesProperties props;
    private final Map<String, ServiceInstances> routes = new LinkedHashMap<>();
    private final HttpClient http;
    private ScheduledExecutorService checker;

    ServiceBalancer(GatewayRoutesProperties props) {
        this.props = props;
        props.routes().forEach((prefix, uris) -> routes.put(prefix, new ServiceInstances(prefix, uris)));
        this.http = HttpClient.newBuilder().connectTimeout(props.healthTimeout()).build();
    }

    ServiceInstances instances(String prefix) {
        return routes.get(prefix);
    }

    /** One round of checks on every balanced route (also what the checker thread runs). */
    void checkAll() {
        routes.values().stream().filter(ServiceInstances::balanced)
                .forEach(s -> s.check(http, props.healthPath(), props.healthTimeout()));
    }

    @Override
    public void start() {
        if (routes.values().stream().noneMatch(ServiceInstances::balanced)) {
            return;
        }
        checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gateway-health-check");
            t.setDaemon(true);
            return t;
        });
        long every = props.healthInterval().toMillis();
        // every instance starts in the rotation; the first check follows one interval later
        checker.scheduleWithFixedDelay(this::checkAll, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (checker != null) {
            checker.shutdownNow();
            checker = null;
        }
    }

    @Override
    public boolean isRunning() {
        return checker != null;
    }
}
