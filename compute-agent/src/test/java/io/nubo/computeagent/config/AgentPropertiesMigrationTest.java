package io.nubo.computeagent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code nubo.agent.migration.*} as the binder makes it, with and without a migration section. */
class AgentPropertiesMigrationTest {

    private static AgentProperties bind(Map<String, String> extra) {
        Map<String, String> p = new HashMap<>(Map.of(
                "nubo.agent.host", "h1",
                "nubo.agent.instances-dir", "/tmp/instances",
                "nubo.agent.image-service-url", "http://127.0.0.1:9292",
                "nubo.agent.identity.url", "http://127.0.0.1:5000/v3",
                "nubo.agent.identity.username", "nova",
                "nubo.agent.identity.password", "secret"));
        p.putAll(extra);
        return new Binder(new MapConfigurationPropertySource(p)).bind("nubo.agent", AgentProperties.class).get();
    }

    @Test
    void progressIsReadEverySecondWhenNothingIsSet() {
        AgentProperties.Migration none = bind(Map.of()).migration();
        assertThat(none.libvirtUri()).isNull();
        assertThat(none.progressInterval()).isEqualTo(Duration.ofSeconds(1));

        AgentProperties.Migration withoutInterval = bind(Map.of(
                "nubo.agent.migration.libvirt-uri", "qemu+tcp://10.0.0.2/system")).migration();
        assertThat(withoutInterval.libvirtUri()).isEqualTo("qemu+tcp://10.0.0.2/system");
        assertThat(withoutInterval.progressInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aProgressIntervalThatIsSetIsKept() {
        assertThat(bind(Map.of("nubo.agent.migration.progress-interval", "250ms")).migration().progressInterval())
                .isEqualTo(Duration.ofMillis(250));
    }
}
