package io.nubo.network.dhcp;

import io.nubo.network.dataplane.HostNetworking;
import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.EventEnvelope;
import io.nubo.shared.events.Topics;
import io.nubo.shared.events.network.PortCreated;
import io.nubo.shared.events.network.PortDeleted;
import io.nubo.shared.events.network.PortSnapshot;
import io.nubo.shared.events.network.PortUpdated;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;

/**
 * Neutron's DHCP agent, as a role of the network service: keeps each network's dnsmasq (in {@code qdhcp-<net>},
 * through {@link HostNetworking}) in line with the port state. A port event marks its network for a sync, done at
 * once on one worker thread; every network is also compared with what runs at start and every resync interval, so a
 * missed event, a restart or a dnsmasq that died is mended. Every step is idempotent: a sync reads the whole wanted
 * state of the network and applies it ({@link DhcpState}).
 *
 * <p>Stopping the service leaves the servers running (as Neutron's agent does), so guests keep their leases across a
 * restart; the next start finds each dnsmasq by its pid file and only re-reads its hosts.
 */
public class DhcpAgent implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(DhcpAgent.class);

    private final HostNetworking host;
    private final DhcpState state;
    private final EventCodec codec;
    private final DhcpProperties props;
    /** Run after each full resync: the agents API shows this role alive while it beats. */
    private final Runnable heartbeat;
    private final Set<String> dirty = new LinkedHashSet<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dhcp-agent");
        t.setDaemon(true);
        return t;
    });

    DhcpAgent(HostNetworking host, DhcpState state, EventCodec codec, DhcpProperties props, Runnable heartbeat) {
        this.heartbeat = heartbeat;
        this.host = host;
        this.state = state;
        this.codec = codec;
        this.props = props;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        long every = Math.max(1, props.resyncInterval().toMillis());
        worker.scheduleWithFixedDelay(this::resyncAll, 0, every, TimeUnit.MILLISECONDS);
        log.info("DHCP agent started (state in {}, resync every {})", props.stateDir(), props.resyncInterval());
    }

    /** Stops syncing (the servers keep running); waits for a sync in flight. */
    public void stop() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Once the consumer's position is fixed (a new group starts at the end of the topic), one full sync: the events
     * sent between the start sync and this assignment are never delivered, so what they changed is read here.
     */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        try {
            worker.execute(this::resyncAll);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // the agent is stopping: the next start resyncs every network
        }
    }

    /** Every port event: its network is synced next (the event itself is only a hint, the database is the truth). */
    @KafkaListener(id = "network-dhcp-agent", topics = Topics.NETWORK,
            groupId = "network-dhcp-agent-${random.uuid}", properties = "auto.offset.reset=latest",
            autoStartup = "${nubo.network.dhcp.enabled:false}")
    void onEvent(String json) {
        // An unreadable one is dropped unlogged: the next resync mends whatever it was about.
        codec.decode(json, unreadable -> { }).flatMap(this::networkOf).ifPresent(this::markDirty);
    }

    private Optional<String> networkOf(EventEnvelope e) {
        PortSnapshot p = Optional.ofNullable(codec.payload(e, PortCreated.class)).map(PortCreated::port)
                .or(() -> Optional.ofNullable(codec.payload(e, PortUpdated.class)).map(PortUpdated::port))
                .or(() -> Optional.ofNullable(codec.payload(e, PortDeleted.class)).map(PortDeleted::port))
                .orElse(null);
        return p == null ? Optional.empty() : Optional.ofNullable(p.networkId());
    }

    /** Asks for a sync of the network soon (several marks before the worker runs make one sync). */
    public void markDirty(String networkId) {
        synchronized (dirty) {
            if (!dirty.add(networkId)) {
                return;
            }
        }
        try {
            worker.execute(this::syncDirty);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // the agent is stopping: the next start resyncs every network
        }
    }

    private void syncDirty() {
        while (true) {
            String next;
            synchronized (dirty) {
                if (dirty.isEmpty()) {
                    return;
                }
                next = dirty.iterator().next();
                dirty.remove(next);
            }
            sync(next);
        }
    }

    /** Brings one network's DHCP server in line with the database: served, updated, or torn down. */
    void sync(String networkId) {
        try {
            Optional<DhcpState.Wanted> wanted = state.wanted(networkId);
            if (wanted.isPresent()) {
                DhcpState.Wanted w = wanted.get();
                host.ensureDhcp(networkId, w.subnet(), w.hosts());
            } else if (state.known(networkId)) {
                host.teardown(networkId);
                log.info("Network {}: DHCP server removed", networkId);
            }
        } catch (RuntimeException e) {
            log.warn("Network {}: DHCP sync failed (retried at the next resync): {}", networkId, e.getMessage());
        }
    }

    /** Every network the database wants served, and every one this agent still serves but should not. */
    void resyncAll() {
        try {
            Set<String> all = new LinkedHashSet<>(state.servedNetworks());
            all.addAll(state.localNetworks());
            all.forEach(this::sync);
            heartbeat.run();
        } catch (RuntimeException e) {
            log.warn("DHCP resync failed: {}", e.getMessage());
        }
    }
}
