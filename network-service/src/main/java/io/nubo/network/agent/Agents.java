package io.nubo.network.agent;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The agent roles that run in this process (DHCP, L3, port firewall), as Neutron's agents API shows them: each
 * enabled role registers at start and beats after every full resync, so {@code alive} says whether its loop still
 * runs. An agent's id is derived from its type and host, so it stays the same across restarts. Only what this JVM
 * runs is listed (one network-service process serves the roles of its host).
 */
@Component
public class Agents {

    /** One registered agent; {@code heartbeat} is the last full resync it finished. */
    public record Agent(String id, String agentType, String binary, String topic, String host,
                        Map<String, Object> configurations, Instant createdAt, Instant startedAt,
                        Duration resyncInterval, Instant heartbeat) {

        /** Alive while it beat within Neutron's agent_down_time (75 s), or three resyncs when those are longer. */
        public boolean alive(Instant now) {
            Duration down = resyncInterval.multipliedBy(3);
            if (down.compareTo(Duration.ofSeconds(75)) < 0) {
                down = Duration.ofSeconds(75);
            }
            return heartbeat != null && !heartbeat.plus(down).isBefore(now);
        }
    }

    private final Map<String, Agent> agents = new ConcurrentHashMap<>();
    private final Clock clock;

    public Agents() {
        this(Clock.systemUTC());
    }

    Agents(Clock clock) {
        this.clock = clock;
    }

    /**
     * Registers a role on this host (or on {@code host} when given) and returns its heartbeat, to be run after
     * each full resync.
     */
    public Runnable register(String agentType, String binary, String topic, String host, Duration resyncInterval,
                             Map<String, Object> configurations) {
        String on = host == null || host.isBlank() ? localHost() : host;
        String id = UUID.nameUUIDFromBytes((agentType + "@" + on).getBytes(StandardCharsets.UTF_8)).toString();
        Instant now = clock.instant();
        agents.put(id, new Agent(id, agentType, binary, topic, on, Map.copyOf(configurations), now, now,
                resyncInterval, null));
        return () -> agents.computeIfPresent(id, (k, a) -> new Agent(a.id(), a.agentType(), a.binary(),
                a.topic(), a.host(), a.configurations(), a.createdAt(), a.startedAt(), a.resyncInterval(),
                clock.instant()));
    }

    public List<Agent> list() {
        return agents.values().stream().sorted(Comparator.comparing(Agent::agentType)).toList();
    }

    public Instant now() {
        return clock.instant();
    }

    static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
