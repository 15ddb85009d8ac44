package io.nubo.network.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An agent is alive while its resync loop beats (Neutron's agent_down_time, 75 s), with an id stable per host. */
class AgentsTest {

    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-01T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aliveWhileItBeatsAndTheSameIdAfterARestart() {
        MovingClock clock = new MovingClock();
        Agents agents = new Agents(clock);
        Runnable beat = agents.register("L3 agent", "neutron-l3-agent", "l3_agent", "net-1", Duration.ofSeconds(20),
                Map.of());
        Agents.Agent a = agents.list().get(0);
        assertThat(a.host()).isEqualTo("net-1");
        assertThat(a.alive(clock.now)).as("never beat").isFalse();
        beat.run();
        clock.now = clock.now.plusSeconds(70);
        assertThat(agents.list().get(0).alive(clock.now)).isTrue();
        clock.now = clock.now.plusSeconds(10);
        assertThat(agents.list().get(0).alive(clock.now)).as("80 s after its last beat").isFalse();
        beat.run();
        assertThat(agents.list().get(0).alive(clock.now)).isTrue();

        Agents restarted = new Agents(clock);
        restarted.register("L3 agent", "neutron-l3-agent", "l3_agent", "net-1", Duration.ofSeconds(20), Map.of());
        assertThat(restarted.list().get(0).id()).isEqualTo(a.id());
        // a slow resync stretches the window to three intervals
        Runnable slow = restarted.register("DHCP agent", "neutron-dhcp-agent", "dhcp_agent", "net-1",
                Duration.ofSeconds(60), Map.of());
        slow.run();
        Agents.Agent dhcp = restarted.list().get(0);
        assertThat(dhcp.agentType()).isEqualTo("DHCP agent");
        assertThat(dhcp.alive(clock.now.plusSeconds(170))).isTrue();
        assertThat(dhcp.alive(clock.now.plusSeconds(190))).isFalse();
    }
}
