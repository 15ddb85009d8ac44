package io.nubo.network.l3;

import io.nubo.network.common.SyncWorker;
import io.nubo.network.dataplane.RouterNetworking;
import io.nubo.network.dataplane.RouterSpec;
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
 * Neutron's L3 agent as a role of the network service on the network node: router, floating IP and port events on
 * {@code nubo.network.v1} ask for a sync on one worker thread; a sync reads every router's wanted layout
 * ({@link RouterState}) and builds the routers whose layout changed ({@code qrouter-<id>} namespaces through
 * {@link RouterNetworking}), and removes the ones it built that are gone. A resync every interval builds every
 * router again. Routers are removed only by the process that built them (another cloud's namespaces are never
 * touched); stopping the service leaves them running.
 */
public class L3Agent implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(L3Agent.class);

    private final RouterNetworking routers;
    private final RouterState state;
    private final EventCodec codec;
    private final L3Properties props;
    private final Map<String, RouterSpec> built = new ConcurrentHashMap<>();
    /** Run after each full resync: the agents API shows this role alive while it beats. */
    private final Runnable heartbeat;
    private final SyncWorker worker = new SyncWorker("l3-agent", this::sync);

    L3Agent(RouterNetworking routers, RouterState state, EventCodec codec, L3Properties props, Runnable heartbeat) {
        this.heartbeat = heartbeat;
        this.routers = routers;
        this.state = state;
        this.codec = codec;
        this.props = props;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        worker.start(props.resyncInterval());
        log.info("L3 agent started (resync every {})", props.resyncInterval());
    }

    public void stop() {
        worker.stop();
    }

    /** Removes every router this agent built (tests; an operator's clean-up). */
    public void teardownAll() {
        built.keySet().forEach(routers::teardown);
        built.clear();
    }

    /**
     * Once the consumer's position is fixed (a new group starts at the end of the topic), one full sync: the events
     * sent between the start sync and this assignment are never delivered, so what they changed is read here.
     */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        worker.request();
    }

    @KafkaListener(id = "network-l3-agent", topics = Topics.NETWORK, groupId = "network-l3-agent-${random.uuid}",
            properties = "auto.offset.reset=latest", autoStartup = "${nubo.network.l3.enabled:false}")
    void onEvent(String json) {
        worker.requestOn(codec, json, "network.router.", "network.floatingip.", "network.port.");
    }

    public void requestSync() {
        worker.request();
    }

    void sync(boolean full) {
        try {
            Map<String, RouterSpec> wanted = state.wanted();
            for (RouterSpec spec : wanted.values()) {
                if (full || !spec.equals(built.get(spec.routerId()))) {
                    try {
                        routers.ensure(spec);
                        built.put(spec.routerId(), spec);
                    } catch (RuntimeException e) {
                        built.remove(spec.routerId());
                        log.warn("Router {}: not built (retried at the next sync): {}", spec.routerId(),
                                e.getMessage());
                    }
                }
            }
            Set<String> gone = new HashSet<>(built.keySet());
            gone.removeAll(wanted.keySet());
            for (String id : gone) {
                routers.teardown(id);
                built.remove(id);
                log.info("Router {}: namespace removed", id);
            }
            if (full) {
                heartbeat.run();
            }
        } catch (RuntimeException e) {
            log.warn("L3 sync failed (retried at the next resync): {}", e.getMessage());
        }
    }
}
