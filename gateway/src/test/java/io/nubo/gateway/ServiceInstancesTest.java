package io.nubo.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Round-robin over the healthy instances of one route, with real HTTP health checks on loopback. */
class ServiceInstancesTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    static HttpServer instance(AtomicInteger status) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/healthcheck/readiness", x -> {
            x.sendResponseHeaders(status.get(), -1);
            x.close();
        });
        s.start();
        return s;
    }

    static URI uri(HttpServer s) {
        return URI.create("http://127.0.0.1:" + s.getAddress().getPort());
    }

    static List<URI> pick(ServiceInstances instances, int n) {
        List<URI> chosen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            instances.choose().ifPresent(chosen::add);
        }
        return chosen;
    }

    @Test
    void balancesOverHealthyInstancesAndDropsOneThatFailsItsCheck() throws Exception {
        AtomicInteger aStatus = new AtomicInteger(200);
        AtomicInteger bStatus = new AtomicInteger(200);
        HttpServer a = instance(aStatus);
        HttpServer b = instance(bStatus);
        try {
            ServiceInstances instances = new ServiceInstances("image", List.of(uri(a), uri(b)));
            instances.check(HTTP, "/healthcheck/readiness", Duration.ofSeconds(1));
            assertThat(pick(instances, 4)).containsExactlyInAnyOrder(uri(a), uri(b), uri(a), uri(b));

            bStatus.set(503); // not ready (e.g. still reading the revocation topic)
            instances.check(HTTP, "/healthcheck/readiness", Duration.ofSeconds(1));
            assertThat(pick(instances, 4)).containsOnly(uri(a));

            bStatus.set(200);
            a.stop(0); // gone: connection refused
            instances.check(HTTP, "/healthcheck/readiness", Duration.ofSeconds(1));
            assertThat(pick(instances, 4)).containsOnly(uri(b));

            b.stop(0);
            instances.check(HTTP, "/healthcheck/readiness", Duration.ofSeconds(1));
            assertThat(instances.choose()).as("nothing healthy: the gateway answers 503").isEmpty();
        } finally {
            a.stop(0);
            b.stop(0);
        }
    }

    @Test
    void anInstanceARequestCouldNotReachLeavesTheRotationAtOnce() {
        URI a = URI.create("http://127.0.0.1:1");
        URI b = URI.create("http://127.0.0.1:2");
        ServiceInstances instances = new ServiceInstances("compute", List.of(a, b));
        instances.unreachable(a);
        assertThat(pick(instances, 3)).containsOnly(b);
    }

    @Test
    void aSingleInstanceIsAlwaysRoutedTo() {
        URI only = URI.create("http://127.0.0.1:1");
        ServiceInstances instances = new ServiceInstances("identity", List.of(only));
        instances.check(HTTP, "/healthcheck/readiness", Duration.ofMillis(200));
        instances.unreachable(only);
        assertThat(instances.choose()).isEqualTo(Optional.of(only));
    }
}
