package io.nubo.computeagent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code nubo.agent.migration.*} and {@code nubo.agent.images.*} as the binder makes them, with and without one. */
class AgentPropertiesBindingTest {

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

    @Test
    void imagesAreQcow2FilesWhenNothingIsSet() {
        assertThat(bind(Map.of()).images())
                .isEqualTo(new AgentProperties.Images("qcow2", "vms", "/etc/ceph/ceph.conf", "admin", null));
    }

    @Test
    void anImagesSectionGetsTheSameDefaultsAsNoSection() {
        // without a section AgentProperties' constructor makes the Images, with one the binder does: they must agree
        String secret = "5b67401f-dc5e-496a-8456-9a5dc40e7d3c";
        AgentProperties.Images bound = bind(Map.of("nubo.agent.images.rbd-secret-uuid", secret)).images();
        AgentProperties.Images none = bind(Map.of()).images();
        assertThat(bound).isEqualTo(new AgentProperties.Images(none.type(), none.rbdPool(), none.rbdCephConf(),
                none.rbdUser(), secret));

        AgentProperties.Images rbd = bind(Map.of("nubo.agent.images.type", "rbd",
                "nubo.agent.images.rbd-secret-uuid", secret)).images();
        assertThat(rbd).isEqualTo(new AgentProperties.Images("rbd", "vms", "/etc/ceph/ceph.conf", "admin", secret));
    }

    @Test
    void imagesSettingsThatAreSetAreKept() {
        AgentProperties.Images set = bind(Map.of("nubo.agent.images.type", "rbd",
                "nubo.agent.images.rbd-pool", "instances", "nubo.agent.images.rbd-ceph-conf", "/etc/ceph/c2.conf",
                "nubo.agent.images.rbd-user", "nova",
                "nubo.agent.images.rbd-secret-uuid", "5b67401f-dc5e-496a-8456-9a5dc40e7d3c")).images();
        assertThat(set).isEqualTo(new AgentProperties.Images("rbd", "instances", "/etc/ceph/c2.conf", "nova",
                "5b67401f-dc5e-496a-8456-9a5dc40e7d3c"));
    }
}
