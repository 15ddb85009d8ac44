package io.nubo.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.computeagent.design.GuestNames;
import io.nubo.testsupport.TwoHostLab;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A cloud's compute agents on the hosts of a {@link TwoHostLab}, and what those hosts' libvirtds hold. */
final class LabHosts {

    private LabHosts() {
    }

    /**
     * The arguments of the agent of lab host {@code n}, named {@code <prefix>-<n>}: the cloud's agent arguments
     * with the host's libvirtd, instances directory and migration addresses, no host networking, its own H2 file.
     */
    static String[] agentArgs(LaunchOptions o, TwoHostLab lab, Path home, String prefix, int n) {
        TwoHostLab.Host h = lab.host(n);
        List<String> a = new ArrayList<>(Arrays.stream(NuboCloud.agentArgs(o, "127.0.0.1:" + o.kafkaPort(),
                        "http://127.0.0.1:" + ServiceModule.IMAGE.port(o),
                        "http://127.0.0.1:" + ServiceModule.IDENTITY.port(o) + "/v3"))
                .filter(s -> !s.startsWith("--nubo.agent.libvirt-uri=") && !s.startsWith("--nubo.agent.virt-type=")
                        && !s.startsWith("--nubo.agent.instances-dir="))
                .toList());
        a.addAll(List.of("--nubo.agent.host=" + prefix + "-" + n, "--nubo.agent.libvirt-uri=" + h.uri(),
                "--nubo.agent.virt-type=qemu", "--nubo.agent.instances-dir=" + h.instancesDir(),
                "--nubo.agent.migration.libvirt-uri=" + h.peerUri(),
                "--nubo.agent.migration.address=" + h.migrationUri(), "--nubo.agent.networking.mode=none",
                "--nubo.agent.heartbeat-interval=5s",
                "--spring.datasource.url=jdbc:h2:file:" + home.resolve("agent-" + n) + "/agent;MODE=PostgreSQL;"
                        + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"));
        return a.toArray(String[]::new);
    }

    /** The domains lab host {@code n}'s libvirtd has, running or not. */
    static List<String> virshNames(TwoHostLab lab, int n) throws Exception {
        String out = virsh(lab, n, "list", "--all", "--name");
        return Arrays.stream(out.split("\\s+")).filter(s -> !s.isBlank()).toList();
    }

    /** virsh's state of the instance's guest on lab host {@code n} ("running", "shut off"), or what virsh said. */
    static String virshState(TwoHostLab lab, int n, String instanceId) throws Exception {
        return virsh(lab, n, "domstate", GuestNames.domainName(instanceId)).trim();
    }

    /** What {@code virsh args} printed against lab host {@code n}'s libvirtd (its output and errors). */
    static String virsh(TwoHostLab lab, int n, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("virsh", "-c", lab.host(n).uri()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
