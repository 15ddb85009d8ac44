package io.nubo.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class TwoHostLabTest {

    @Test
    void twoLibvirtdsWithTheirOwnHostUuidsReachEachOtherOnlyOverTheirVeth() throws Exception {
        TwoHostLab.Host one;
        TwoHostLab.Host two;
        java.nio.file.Path dir;
        try (TwoHostLab lab = TwoHostLab.start("tslab", 191)) {
            one = lab.host(1);
            two = lab.host(2);
            dir = lab.dir();
            String uuid1 = hostUuid(one.uri());
            String uuid2 = hostUuid(two.uri());
            assertThat(uuid1).isNotBlank().isNotEqualTo(uuid2);
            // host 1's libvirtd reaches host 2's over the veth (as a peer-to-peer migration does) ...
            assertThat(run("ip", "netns", "exec", one.namespace(), "virsh", "-c", two.peerUri(), "uri"))
                    .contains(two.address());
            // ... and the machine itself does not: the address exists only inside the two namespaces
            assertThat(run("ip", "-o", "addr", "show")).doesNotContain(two.address());
            assertThat(two.peerUri()).isNotEqualTo(one.peerUri());
        }
        assertThat(Files.exists(dir)).isFalse();
        assertThat(run("ip", "netns", "list")).doesNotContain(one.namespace()).doesNotContain(two.namespace());
        assertThat(Files.exists(java.nio.file.Path.of("/etc/netns", one.namespace()))).isFalse();
    }

    private static String hostUuid(String uri) throws Exception {
        Matcher m = Pattern.compile("<host>\\s*<uuid>([^<]+)</uuid>").matcher(run("virsh", "-c", uri, "capabilities"));
        assertThat(m.find()).as("capabilities of " + uri).isTrue();
        return m.group(1);
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
