package io.nubo.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instances of one service behind a gateway prefix, chosen round-robin among the healthy ones. A single
 * instance is always routed to (its own errors tell the client more than the gateway could); with several, an
 * instance leaves the rotation when a health check fails or a request cannot reach it, and comes back at the
 * next check that answers 200.
 */
final class ServiceInstances {

    private static final Logger log = LoggerFactory.getLogger(ServiceInstances.class);

    /** One instance's base URL and whether it is in the rotation. */
    static final class Instance {
        final URI uri;
        volatile boolean healthy = true;

        Instance(URI uri) {
            this.uri = uri;
        }
    }

    private final String prefix;
    private final List<Instance> instances;
    private final AtomicInteger next = new AtomicInteger();

    ServiceInstances(String prefix, List<URI> uris) {
        this.prefix = prefix;
        this.instances = uris.stream().map(Instance::new).toList();
    }

    boolean balanced() {
        return instances.size() > 1;
    }

    List<Instance> all() {
        return instances;
    }

    /** The next healthy instance, or empty when every instance of a balanced route is out of the rotation. */
    Optional<URI> choose() {
        if (!balanced()) {
            return Optional.of(instances.get(0).uri);
        }
        int n = instances.size();
        int start = Math.floorMod(next.getAndIncrement(), n);
        for (int i = 0; i < n; i++) {
            Instance candidate = instances.get((start + i) % n);
            if (candidate.healthy) {
                return Optional.of(candidate.uri);
            }
        }
        return Optional.empty();
    }

    /** A request could not reach {@code uri}: it leaves the rotation until a check finds it healthy again. */
    void unreachable(URI uri) {
        instances.stream().filter(i -> i.uri.equals(uri)).forEach(i -> mark(i, false));
    }

    /** Checks every instance once: healthy when {@code healthPath} answers 200 within the timeout. */
    void check(HttpClient http, String healthPath, Duration timeout) {
        for (Instance i : instances) {
            boolean ok;
            try {
                HttpRequest request = HttpRequest.newBuilder(i.uri.resolve(healthPath)).timeout(timeout).GET().build();
                ok = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                ok = false;
            }
            mark(i, ok);
        }
    }

    private void mark(Instance i, boolean healthy) {
        if (i.healthy != healthy) {
            i.healthy = healthy;
            log.info("{} instance {} {} the rotation", prefix, i.uri, healthy ? "is back in" : "left");
        }
    }
}
