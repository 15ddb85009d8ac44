package io.nubo.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.testsupport.LibvirtTestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Boot from volume and os-interface end to end with the real CLI, the real block storage (file backend), network
 * service with DHCP and agent on libvirt: the test guest's image made into a volume boots with
 * {@code server create --volume} (its console shows the guest ready and its lease), a second network's port is
 * hot-plugged with {@code server add network} and the guest gets a lease on the new NIC, {@code server remove
 * network} unplugs it; {@code server create --image --boot-from-volume 1} makes its own volume. After the deletes
 * the volume given with {@code --volume} is available again and nothing of the guests is left. An attached volume
 * extended at 3.42 is seen grown by the running guest.
 *
 * <p>Needs root, libvirt, dnsmasq and busybox (scripts/install-deps.sh --libvirt --volume --network); skipped
 * without them, failed under {@code CI=true}.
 */
@Tag("integration")
class VolumeAndInterfaceEndToEndTest {

    static NuboCloud cloud;
    static Path guest;
    static Path home;

    @BeforeAll
    static void start() throws Exception {
        boolean ready = "root".equals(System.getProperty("user.name"))
                && Files.isExecutable(Path.of("/usr/sbin/dnsmasq")) && Files.isExecutable(Path.of("/bin/busybox"));
        if (!ready && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("the volume and interface test needs root, dnsmasq and busybox although"
                    + " CI=true (scripts/install-deps.sh --network)");
        }
        Assumptions.assumeTrue(ready, "needs root, dnsmasq and busybox: skipped");
        guest = LibvirtTestHost.require();
        assertThat(OpenStackCliEndToEndTest.CLI).exists();
        // qemu runs as its own user and opens the file backend's volumes under the data directory: it must reach it
        home = Files.createTempDirectory(Path.of("/var/tmp"), "nubo-bfv-e2e",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x")));
        cloud = NuboCloud.start(new LaunchOptions(home,
                OpenStackCliEndToEndTest.freePortBase(), null));
        NetworkedServerEndToEndTest.clouds = cloud.writeCloudsYaml();
    }

    @AfterAll
    static void stop() throws Exception {
        if (cloud == null) {
            return;
        }
        try {
            for (String id : NetworkedServerEndToEndTest.run(cli("server", "list", "-f", "value", "-c", "ID")).out()
                    .split("\\s+")) {
                if (!id.isBlank()) {
                    NetworkedServerEndToEndTest.run(cli("server", "delete", "--wait", id));
                }
            }
            Thread.sleep(3000);
            for (String id : NetworkedServerEndToEndTest.run(cli("network", "list", "-f", "value", "-c", "ID")).out()
                    .split("\\s+")) {
                if (!id.isBlank()) {
                    NetworkedServerEndToEndTest.run(cli("network", "delete", id));
                }
            }
            Thread.sleep(2000);
        } finally {
            NetworkedServerEndToEndTest.clouds = null;
            cloud.close();
            cloud.removeInstancesDirectory();
            // a network the clean-up above could not delete (its last port still being released when the server
            // was gone) keeps its DHCP files after close() stopped its dnsmasq: nothing of the run stays on the host
            org.springframework.util.FileSystemUtils.deleteRecursively(
                    Path.of("/var/lib/nubo/dhcp-" + cloud.options().portBase()));
            // the data directory holds the file backend's volumes: nothing of the run stays on the host
            try (java.util.stream.Stream<Path> all = Files.walk(home)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static List<String> cli(String... args) {
        return NetworkedServerEndToEndTest.cli(args);
    }

    static String openstack(String... args) throws Exception {
        return NetworkedServerEndToEndTest.openstack(args);
    }

    static JsonNode json(String... args) throws Exception {
        return NetworkedServerEndToEndTest.json(args);
    }

    static String awaitConsole(String server, String... markers) throws Exception {
        String console = "";
        long deadline = System.currentTimeMillis() + 300_000;
        while (System.currentTimeMillis() < deadline) {
            console = openstack("console", "log", "show", server);
            String c = console;
            if (List.of(markers).stream().allMatch(c::contains)) {
                return console;
            }
            Thread.sleep(3000);
        }
        throw new AssertionError("no " + List.of(markers) + " on the console of " + server + ":\n" + console);
    }

    static String subnet(String net, String name) throws Exception {
        String prefix = "10.202." + ThreadLocalRandom.current().nextInt(10, 250) + ".";
        json("subnet", "create", "--network", net, "--subnet-range", prefix + "0/24", name, "-f", "json");
        return prefix;
    }

    static void awaitVolume(String volume, String status) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        String now = "";
        while (System.currentTimeMillis() < deadline && !(now = json("volume", "show", volume, "-f", "json")
                .get("status").asString()).equals(status)) {
            Thread.sleep(1000);
        }
        assertThat(now).isEqualTo(status);
    }

    @Test
    void aServerBootsFromAVolumeAndGetsALeaseOnAHotPluggedNic() throws Exception {
        openstack("image", "create", "--disk-format", "qcow2", "--container-format", "bare", "--file",
                guest.resolve("test-guest.qcow2").toString(), "--public", "bfv-guest");
        openstack("flavor", "create", "--ram", "128", "--vcpus", "1", "--disk", "1", "bfv-tiny");
        String net = json("network", "create", "bfv-net", "-f", "json").get("id").asString();
        String prefix = subnet(net, "bfv-sub");
        String vol = json("volume", "create", "--image", "bfv-guest", "--size", "1", "bfv-root", "-f", "json")
                .get("id").asString();
        awaitVolume(vol, "available");

        long t0 = System.nanoTime();
        JsonNode server = json("server", "create", "--volume", vol, "--flavor", "bfv-tiny", "--network", net,
                "--wait", "bfv-vm", "-f", "json");
        System.out.printf("server create --volume --wait: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(server.get("status").asString()).isEqualTo("ACTIVE");
        String id = server.get("id").asString();
        JsonNode shown = json("server", "show", id, "-f", "json");
        assertThat(shown.get("volumes_attached").toString()).contains(vol);
        assertThat(json("volume", "show", vol, "-f", "json").get("status").asString()).isEqualTo("in-use");
        awaitConsole(id, "NUBO-TEST-GUEST: ready", "NUBO-TEST-GUEST: lease eth0 ip=" + prefix);

        String net2 = json("network", "create", "bfv-net2", "-f", "json").get("id").asString();
        String prefix2 = subnet(net2, "bfv-sub2");
        openstack("server", "add", "network", id, net2);
        String console = awaitConsole(id, "NUBO-TEST-GUEST: hotplug nic add eth1",
                "NUBO-TEST-GUEST: lease eth1 ip=" + prefix2);
        System.out.println(console.lines().filter(l -> l.contains("eth1")).toList());
        assertThat(json("server", "show", id, "-f", "json").get("addresses").toString()).contains("bfv-net2");
        openstack("server", "remove", "network", id, net2);
        awaitConsole(id, "NUBO-TEST-GUEST: hotplug nic remove eth1");

        openstack("server", "delete", "--wait", id);
        awaitVolume(vol, "available");

        JsonNode second = json("server", "create", "--image", "bfv-guest", "--boot-from-volume", "1", "--flavor",
                "bfv-tiny", "--network", net, "--wait", "bfv-vm2", "-f", "json");
        assertThat(second.get("status").asString()).isEqualTo("ACTIVE");
        String id2 = second.get("id").asString();
        awaitConsole(id2, "NUBO-TEST-GUEST: ready");
        openstack("server", "delete", "--wait", id2);
        openstack("volume", "delete", vol);
    }

    /**
     * Cinder 3.42's in-use extend: a volume attached with {@code server add volume} shows up in the running test
     * guest; at the CLI's default 3.0 {@code volume set --size 2} is refused, as Cinder refuses it; with
     * {@code --os-volume-api-version 3.42} the volume grows, stays in-use at 2 GiB, and the guest prints the new
     * capacity of that disk ({@code resize vdb sectors=4194304}): block storage's event, compute's command, the
     * agent's block resize.
     */
    @Test
    void anAttachedVolumeGrowsAndTheRunningGuestSeesIt() throws Exception {
        openstack("image", "create", "--disk-format", "qcow2", "--container-format", "bare", "--file",
                guest.resolve("test-guest.qcow2").toString(), "--public", "ext-guest");
        openstack("flavor", "create", "--ram", "128", "--vcpus", "1", "--disk", "1", "ext-tiny");
        String net = json("network", "create", "ext-net", "-f", "json").get("id").asString();
        subnet(net, "ext-sub");
        JsonNode server = json("server", "create", "--image", "ext-guest", "--flavor", "ext-tiny", "--network", net,
                "--wait", "ext-vm", "-f", "json");
        assertThat(server.get("status").asString()).isEqualTo("ACTIVE");
        String id = server.get("id").asString();
        awaitConsole(id, "NUBO-TEST-GUEST: ready");

        String vol = json("volume", "create", "--size", "1", "ext-data", "-f", "json").get("id").asString();
        awaitVolume(vol, "available");
        openstack("server", "add", "volume", id, vol);
        awaitVolume(vol, "in-use");
        awaitConsole(id, "NUBO-TEST-GUEST: hotplug add vdb sectors=2097152");

        // at the default 3.0 an attached volume is not extended (the CLI checks it itself; Cinder answers 400)
        NetworkedServerEndToEndTest.Result refused = NetworkedServerEndToEndTest.run(cli("volume", "set", "--size",
                "2", vol));
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.out()).contains("must be available");

        openstack("--os-volume-api-version", "3.42", "volume", "set", "--size", "2", vol);
        String console = awaitConsole(id, "NUBO-TEST-GUEST: resize vdb sectors=4194304");
        System.out.println(console.lines().filter(l -> l.contains("vdb")).toList());
        awaitVolume(vol, "in-use");
        JsonNode v = json("volume", "show", vol, "-f", "json");
        assertThat(v.get("size").asInt()).isEqualTo(2);
        JsonNode actions = json("server", "event", "list", id, "-f", "json");
        assertThat(actions.toString()).contains("extend_volume");

        openstack("server", "remove", "volume", id, vol);
        awaitVolume(vol, "available");
        openstack("server", "delete", "--wait", id);
        openstack("volume", "delete", vol);
    }
}
