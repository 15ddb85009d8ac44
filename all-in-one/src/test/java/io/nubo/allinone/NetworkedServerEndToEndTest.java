package io.nubo.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.testsupport.LibvirtTestHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A server on a tenant network, end to end with the real CLI, the real agent on libvirt and the real DHCP server:
 * {@code network create}, {@code subnet create}, {@code server create --network --wait}; the server shows the
 * address its port holds, the test guest gets exactly that address by DHCP (it prints the lease on its console),
 * and it answers ping from the network's {@code qdhcp-} namespace, the only place that reaches it (the host holds no
 * address on the network; nothing is sent from the host itself). Deleting the server leaves no tap and no port
 * compute made; deleting the network removes its bridge, namespace and dnsmasq.
 *
 * <p>Needs root, libvirt, dnsmasq and busybox (scripts/install-deps.sh --libvirt --network); skipped without them,
 * failed under {@code CI=true}.
 */
@Tag("integration")
class NetworkedServerEndToEndTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static NuboCloud cloud;
    static Path clouds;
    static Path guest;

    @BeforeAll
    static void start() throws Exception {
        boolean ready = "root".equals(System.getProperty("user.name"))
                && Files.isExecutable(Path.of("/usr/sbin/dnsmasq")) && Files.isExecutable(Path.of("/bin/busybox"));
        if (!ready && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("the networked-server test needs root, dnsmasq and busybox although CI=true"
                    + " (scripts/install-deps.sh --network)");
        }
        Assumptions.assumeTrue(ready, "needs root, dnsmasq and busybox: skipped");
        guest = LibvirtTestHost.require();
        assertThat(OpenStackCliEndToEndTest.CLI).exists();
        Path home = Files.createTempDirectory("nubo-net-e2e");
        cloud = NuboCloud.start(new LaunchOptions(home, OpenStackCliEndToEndTest.freePortBase(), null));
        clouds = cloud.writeCloudsYaml();
    }

    /** Whatever a failed run left: its servers and networks go before the cloud stops (dnsmasq outlives it). */
    @AfterAll
    static void stop() throws Exception {
        if (cloud == null) {
            return;
        }
        try {
            for (String id : run(cli("server", "list", "-f", "value", "-c", "ID")).out().split("\\s+")) {
                if (!id.isBlank()) {
                    run(cli("server", "delete", "--wait", id));
                }
            }
            Thread.sleep(3000); // compute gives the servers' ports back after the delete
            for (String id : run(cli("network", "list", "-f", "value", "-c", "ID")).out().split("\\s+")) {
                if (!id.isBlank()) {
                    run(cli("network", "delete", id));
                }
            }
            Thread.sleep(2000);
        } finally {
            cloud.close();
            cloud.removeInstancesDirectory();
            // the DHCP role's state directory is empty once every network is gone
            Files.deleteIfExists(Path.of("/var/lib/nubo/dhcp-" + cloud.options().portBase()));
        }
    }

    static List<String> cli(String... args) {
        List<String> cmd = new ArrayList<>(List.of(OpenStackCliEndToEndTest.CLI.toString(), "--os-cloud", "nubo"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    static Result run(List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (clouds != null) {
            pb.environment().put("OS_CLIENT_CONFIG_FILE", clouds.toString());
        }
        pb.environment().remove("OS_CLOUD");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    record Result(int exit, String out) {
    }

    static String openstack(String... args) throws Exception {
        Result r = run(cli(args));
        assertThat(r.exit()).as("openstack %s:%n%s", String.join(" ", args), r.out()).isZero();
        return r.out();
    }

    static JsonNode json(String... args) throws Exception {
        return JSON.readTree(openstack(args));
    }

    static String sh(String... cmd) throws Exception {
        return run(List.of(cmd)).out();
    }

    @Test
    void aServerOnANetworkGetsItsAddressByDhcpAndNothingIsLeftAfterwards() throws Exception {
        openstack("image", "create", "--disk-format", "qcow2", "--container-format", "bare", "--file",
                guest.resolve("test-guest.qcow2").toString(), "--public", "net-guest");
        openstack("flavor", "create", "--ram", "128", "--vcpus", "1", "--disk", "1", "net-tiny");
        String net = json("network", "create", "e2e-net", "-f", "json").get("id").asString();
        int third = ThreadLocalRandom.current().nextInt(10, 250);
        String prefix = "10.201." + third + ".";
        json("subnet", "create", "--network", net, "--subnet-range", prefix + "0/24", "e2e-sub", "-f", "json");

        long t0 = System.nanoTime();
        JsonNode server = json("server", "create", "--image", "net-guest", "--flavor", "net-tiny", "--network", net,
                "--wait", "e2e-vm", "-f", "json");
        System.out.printf("server create --network --wait: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(server.get("status").asString()).isEqualTo("ACTIVE");
        String id = server.get("id").asString();
        JsonNode shown = json("server", "show", id, "-f", "json");
        String addresses = shown.get("addresses").toString();
        assertThat(addresses).contains("e2e-net").contains(prefix);
        JsonNode port = json("port", "list", "--server", id, "--long", "-f", "json").get(0);
        JsonNode fixedIps = port.get("Fixed IP Addresses");
        String ip = fixedIps.isArray() ? fixedIps.get(0).get("ip_address").asString()
                : fixedIps.asString().replaceAll(".*ip_address='([0-9.]+)'.*", "$1");
        assertThat(ip).startsWith(prefix);
        assertThat(addresses).contains(ip);
        String portId = port.get("ID").asString();
        String mac = port.get("MAC Address").asString();
        String tap = "tap" + portId.substring(0, 11);
        assertThat(sh("ip", "-o", "link", "show", "dev", tap)).contains("master brq" + net.substring(0, 11));

        // the guest asks for a lease on its NIC and prints what it got
        String lease = "NUBO-TEST-GUEST: lease eth0 ip=" + ip + " ";
        String console = "";
        long deadline = System.currentTimeMillis() + 240_000;
        while (System.currentTimeMillis() < deadline && !console.contains(lease)) {
            Thread.sleep(3000);
            console = openstack("console", "log", "show", id);
        }
        assertThat(console).contains("NUBO-TEST-GUEST: nic eth0 mac=" + mac).contains(lease);

        // reachable from the DHCP namespace; the host holds no address on the network, so only namespaces reach it
        String ns = "qdhcp-" + net;
        Result ping = run(List.of("ip", "netns", "exec", ns, "busybox", "ping", "-c", "3", "-W", "2", ip));
        assertThat(ping.exit()).as(ping.out()).isZero();
        assertThat(sh("ip", "-o", "addr", "show")).doesNotContain(prefix);

        openstack("server", "delete", "--wait", id);
        assertThat(run(List.of("ip", "link", "show", "dev", tap)).exit()).isNotZero();
        long gone = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < gone && openstack("port", "list", "-f", "value", "-c", "ID")
                .contains(portId)) {
            Thread.sleep(500);
        }
        assertThat(openstack("port", "list", "-f", "value", "-c", "ID")).doesNotContain(portId);

        openstack("network", "delete", net);
        long down = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < down && sh("ip", "netns", "list").contains(ns)) {
            Thread.sleep(500);
        }
        assertThat(sh("ip", "netns", "list")).doesNotContain(ns);
        assertThat(run(List.of("ip", "link", "show", "dev", "brq" + net.substring(0, 11))).exit()).isNotZero();
        assertThat(sh("ps", "-eo", "args")).doesNotContain("dhcp-" + cloud.options().portBase() + "/" + net);
    }
}
