package io.nubo.computeagent.disk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nubo.computeagent.config.AgentProperties;
import io.nubo.computeagent.domain.DiskDevice.Host;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the agent reads an image's RBD location, the cluster's monitors and its images configuration. */
class RbdLocationTest {

    @Test
    void anRbdLocationIsFsidPoolImageAndSnapshot() {
        assertThat(RbdImages.Location.parse("rbd://5b67401f-dc5e-496a-8456-9a5dc40e7d3c/images/img-1/snap"))
                .contains(new RbdImages.Location("5b67401f-dc5e-496a-8456-9a5dc40e7d3c", "images", "img-1", "snap"));
        assertThat(RbdImages.Location.parse("file:///var/lib/nubo/images/img-1")).isEmpty();
        assertThat(RbdImages.Location.parse("rbd://fsid/images/img-1")).isEmpty();
        assertThat(RbdImages.Location.parse("rbd://fsid/images/img 1/snap")).isEmpty();
        assertThat(RbdImages.Location.parse(null)).isEmpty();
    }

    @Test
    void monitorsFromEveryWayCephWritesMonHost() {
        assertThat(RbdImages.monitors("v2:127.0.0.1:9611")).containsExactly(new Host("127.0.0.1", "9611"));
        assertThat(RbdImages.monitors("[v2:10.0.0.1:3300/0,v1:10.0.0.1:6789/0] [v2:10.0.0.2:3300,v1:10.0.0.2:6789]"))
                .containsExactly(new Host("10.0.0.1", "3300"), new Host("10.0.0.2", "3300"));
        assertThat(RbdImages.monitors("mon-a.example, mon-b.example:6789"))
                .containsExactly(new Host("mon-a.example", null), new Host("mon-b.example", "6789"));
        assertThat(RbdImages.monitors(null)).isEmpty();
    }

    @Test
    void disksInRbdNeedThePoolAndTheCephxSecret() {
        assertThat(new AgentProperties.Images(null, null, null, null, null).rbd()).isFalse();
        assertThat(new AgentProperties.Images("qcow2", "vms", "/etc/ceph/ceph.conf", "admin", null).rbd()).isFalse();
        assertThat(new AgentProperties.Images("rbd", "vms", "/etc/ceph/ceph.conf", "nova",
                "5b67401f-dc5e-496a-8456-9a5dc40e7d3c").rbd()).isTrue();
        assertThatThrownBy(() -> new AgentProperties.Images("rbd", "vms", "/etc/ceph/ceph.conf", "nova", null))
                .hasMessageContaining("nubo.agent.images.rbd-secret-uuid");
        assertThatThrownBy(() -> new AgentProperties.Images("lvm", "vms", "/etc/ceph/ceph.conf", "nova", null))
                .hasMessageContaining("qcow2 or rbd");
        assertThatThrownBy(() -> new AgentProperties.Images("rbd", "vms/x", "/etc/ceph/ceph.conf", "nova",
                "5b67401f-dc5e-496a-8456-9a5dc40e7d3c")).hasMessageContaining("rbd-pool");
    }
}
