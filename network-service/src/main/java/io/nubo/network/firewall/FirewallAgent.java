package io.nubo.network.firewall;

import io.nubo.network.common.SyncWorker;
import io.nubo.network.dataplane.HostNetworking;
import io.nubo.network.dataplane.NftRuleset;
import io.nubo.network.dataplane.PortFilter;
import io.nubo.network.dataplane.PortFirewall;
import io.nubo.network.port.BoundPort;
import io.nubo.network.port.PortBindings;
import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.Topics;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;

/**
 * The security group part of Neutron's L2 agent, as a role of the network service on the host whose taps it
 * filters: every port or security group event on {@code nubo.network.v1} asks for a sync, done at once on one worker
 * thread (events arriving meanwhile make one more sync, not one each). A sync reads the wanted filters of every
 * local port from the database ({@link FirewallState}) and loads, in one {@code nft -f} each, only the ports whose
 * rendered table changed, so a rule change, a port joining a remote group or a new port reaches the running guests
 * at once, and removes the filters of ports gone. Every resync interval the tables present on the host are compared
 * too (a restart, a missed event). Also Neutron's device up/down: the host's bridge ports are read every device
 * interval and each port reported {@code ACTIVE} once its tap is on its network's bridge, {@code DOWN} when it is not.
 */
public class FirewallAgent implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(FirewallAgent.class);

    private final PortFirewall firewall;
    private final HostNetworking host;
    private final FirewallState state;
    private final PortBindings bindings;
    private final EventCodec codec;
    private final FirewallProperties props;
    /** The table text loaded for each port (so an unchanged port is not loaded again). */
    private final Map<String, String> loaded = new ConcurrentHashMap<>();
    /** Run after each full resync: the agents API shows this role alive while it beats. */
    private final Runnable heartbeat;
    private final SyncWorker worker = new SyncWorker("port-firewall", this::sync);

    FirewallAgent(PortFirewall firewall, HostNetworking host, FirewallState state, PortBindings bindings,
                  EventCodec codec, FirewallProperties props, Runnable heartbeat) {
        this.heartbeat = heartbeat;
        this.firewall = firewall;
        this.host = host;
        this.state = state;
        this.bindings = bindings;
        this.codec = codec;
        this.props = props;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        worker.start(props.resyncInterval());
        worker.every(props.deviceInterval(), this::reportDevices);
        log.info("Port firewall started (tables {}_*, host {}, resync every {})", props.tablePrefix(),
                props.host().isEmpty() ? "any" : props.host(), props.resyncInterval());
    }

    /** Stops filtering changes (the tables stay: guests keep their protection while the service is away). */
    public void stop() {
        worker.stop();
    }

    /**
     * Once the consumer's position is fixed (a new group starts at the end of the topic), one full sync: the events
     * sent between the start sync and this assignment are never delivered, so what they changed is read here.
     */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        worker.request();
    }

    /** Every port or security group event is a hint that some port's filter may have changed. */
    @KafkaListener(id = "network-port-firewall", topics = Topics.NETWORK,
            groupId = "network-port-firewall-${random.uuid}", properties = "auto.offset.reset=latest",
            autoStartup = "${nubo.network.firewall.enabled:false}")
    void onEvent(String json) {
        worker.requestOn(codec, json, "network.port.", "network.security_group.");
    }

    /** Asks for a sync soon. */
    public void requestSync() {
        worker.request();
    }

    /** Brings every local port's table in line with the database; with {@code full}, also what the host holds. */
    void sync(boolean full) {
        try {
            Map<String, PortFilter> wanted = state.wanted();
            for (PortFilter f : wanted.values()) {
                String text = NftRuleset.render(props.tablePrefix(), f);
                if (!text.equals(loaded.get(f.portId()))) {
                    try {
                        firewall.apply(f);
                        loaded.put(f.portId(), text);
                    } catch (RuntimeException e) {
                        loaded.remove(f.portId());
                        log.warn("Port {}: filter not loaded (retried at the next sync): {}", f.portId(),
                                e.getMessage());
                    }
                }
            }
            Set<String> present = new HashSet<>(loaded.keySet());
            if (full) {
                present.addAll(firewall.ports());
            }
            boolean removed = false;
            for (String portId : present) {
                if (!wanted.containsKey(portId)) {
                    firewall.remove(portId);
                    loaded.remove(portId);
                    removed = true;
                    log.info("Port {}: filter removed", portId);
                }
            }
            if (wanted.isEmpty() && (removed || full)) {
                firewall.removeAll(); // no port left to filter: the shared conntrack table goes too
            }
            if (full) {
                heartbeat.run();
            }
        } catch (RuntimeException e) {
            log.warn("Port firewall sync failed (retried at the next resync): {}", e.getMessage());
        }
    }

    /** Neutron's update_device_up/down: ACTIVE once the port's tap is on its network's bridge, DOWN otherwise. */
    void reportDevices() {
        try {
            Map<String, String> plugged = host.bridgePorts();
            for (BoundPort p : state.localPorts()) {
                boolean up = p.adminStateUp() && HostNetworking.bridgeName(p.networkId())
                        .equals(plugged.get(FirewallState.device(p.id())));
                String to = up ? "ACTIVE" : "DOWN";
                if (!to.equals(p.status())) {
                    try {
                        if (bindings.reportStatus(p.id(), p.status(), to)) {
                            log.info("Port {}: {}", p.id(), to);
                        }
                    } catch (RuntimeException raced) {
                        // changed meanwhile (optimistic lock): read again at the next round
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("Port status report failed: {}", e.getMessage());
        }
    }
}
