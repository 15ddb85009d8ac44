package io.nubo.compute.network;

import io.nubo.compute.network.internal.NeutronClient;
import io.nubo.compute.network.internal.NeutronPorts;
import io.nubo.compute.network.internal.PortReleaser;
import io.nubo.compute.network.internal.PortStore;
import io.nubo.compute.network.internal.ServiceToken;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Chooses the network integration: the network service when {@code nubo.compute.network.url} is set, else
 * {@link NoNetworkService}. The releaser also sweeps its to-do list every few seconds.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NetworkApiProperties.class)
class NetworkPortsConfiguration {

    @Bean
    NetworkPorts networkPorts(NetworkApiProperties props, NeutronClient neutron, PortStore store,
                              PortReleaser releaser) {
        return props.configured() ? new NeutronPorts(neutron, store, releaser) : new NoNetworkService();
    }

    @Bean
    PortStore instancePortStore(JdbcTemplate jdbc) {
        return new PortStore(jdbc);
    }

    @Bean(destroyMethod = "stop")
    PortReleaser portReleaser(NeutronClient neutron, PortStore store) {
        return new PortReleaser(neutron, store);
    }

    @Bean
    ReleaseSweep releaseSweep(PortReleaser releaser, NetworkApiProperties props) {
        return new ReleaseSweep(releaser, props.configured());
    }

    @Bean
    NeutronClient neutronClient(NetworkApiProperties props) {
        if (!props.configured()) {
            return new NeutronClient("http://127.0.0.1:1", () -> {
                throw new IllegalStateException("no network service is configured");
            });
        }
        return new NeutronClient(props.url(), new ServiceToken(props.identityUrl(), props.username(),
                props.password(), props.project(), props.domain()));
    }

    /** The releaser's periodic pass (ports of instances deleted while the network service was away). */
    static final class ReleaseSweep {

        private final PortReleaser releaser;
        private final boolean enabled;

        ReleaseSweep(PortReleaser releaser, boolean enabled) {
            this.releaser = releaser;
            this.enabled = enabled;
        }

        @Scheduled(fixedDelayString = "${nubo.compute.network.release-interval:5s}", initialDelayString = "5s")
        void sweep() {
            if (enabled) {
                releaser.releaseAll();
            }
        }
    }
}
