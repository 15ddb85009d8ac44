package io.nubo.blockstorage.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nubo.shared.events.compute.VolumeConnection;
import io.nubo.testsupport.IscsiTargetDaemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract against a real tgtd of the test's own ({@link IscsiTargetDaemon}); the connection is proven by
 * qemu's iSCSI initiator logging in with the CHAP account and reading the LUN:
 * {@code iscsi://<user>%<secret>@127.0.0.1:<port>/<iqn>/1}.
 */
class IscsiVolumeBackendTest extends VolumeBackendContract {

    private static IscsiTargetDaemon tgtd;
    private static Path root;
    private static IscsiVolumeBackend backend;

    @BeforeAll
    static void start() throws Exception {
        tgtd = IscsiTargetDaemon.start();
        root = Files.createTempDirectory("nubo-iscsi-volumes");
        backend = new IscsiVolumeBackend(root, tgtd.portal(), tgtd.controlPort(), "iqn.2010-10.org.openstack:");
    }

    @AfterAll
    static void stop() throws Exception {
        if (tgtd != null) {
            tgtd.close();
        }
    }

    @Override
    protected VolumeBackend backend() {
        return backend;
    }

    @Override
    protected String expectedDriverVolumeType() {
        return "iscsi";
    }

    @Override
    protected String[] qemuSource(VolumeConnection c) {
        return new String[] {uri(c, true), "raw"};
    }

    static String uri(VolumeConnection c, boolean withChap) {
        String auth = withChap ? c.data().get("auth_username") + "%" + c.data().get("auth_password") + "@" : "";
        return "iscsi://" + auth + c.data().get("target_portal") + "/" + c.data().get("target_iqn") + "/"
                + c.data().get("target_lun");
    }

    @Override
    protected void afterTerminate(VolumeConnection c) {
        assertThatThrownBy(() -> QemuImg.virtualSize(uri(c, true), "raw")).isInstanceOf(IOException.class);
    }

    /**
     * 3.42 on iSCSI: an initiator stays logged in (qemu-storage-daemon with qemu's own iSCSI driver and the CHAP
     * account, as a guest's qemu holds the disk) while the volume grows; qemu refuses to grow the disk past what
     * the target reports, so the grown file alone is not enough: after extendAttached made the LUN again, qemu's
     * block resize (what libvirt's block resize asks) takes the new size and the bytes are still there.
     */
    @Test
    void anAttachedLunGrowsForTheLoggedInInitiator() throws Exception {
        String v = id();
        backend.create(v, 2 * MIB);
        byte[] data = random(100_000, 9);
        writeRaw(v, data);
        VolumeConnection c = backend.initializeConnection(v, connector());
        Path sock = root.resolve("qmp-" + v + ".sock");
        Process qsd = new ProcessBuilder("qemu-storage-daemon", "--object", "secret,id=chap,data="
                + c.data().get("auth_password"), "--blockdev", "driver=iscsi,node-name=vol,transport=tcp,portal="
                + c.data().get("target_portal") + ",target=" + c.data().get("target_iqn") + ",lun=1,user="
                + c.data().get("auth_username") + ",password-secret=chap", "--chardev", "socket,id=m,path=" + sock
                + ",server=on,wait=off", "--monitor", "chardev=m").redirectErrorStream(true).start();
        try {
            for (int i = 0; i < 100 && !Files.exists(sock); i++) {
                Thread.sleep(100);
            }
            String resize = "{\"execute\": \"block_resize\", \"arguments\": {\"node-name\": \"vol\", \"size\": "
                    + 4 * MIB + "}}";
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(root.resolve("volumes/volume-" + v
                    + ".raw").toFile(), "rw")) {
                f.setLength(4 * MIB);
            }
            assertThat(qmp(sock, resize)).as("the target still reports the old size").contains("Cannot grow iSCSI");
            backend.extendAttached(v, 4 * MIB);
            assertThat(qmp(sock, resize)).contains("\"return\"");
            assertThat(qmp(sock, "{\"execute\": \"query-named-block-nodes\"}"))
                    .contains("\"virtual-size\": " + 4 * MIB);
        } finally {
            qsd.destroy();
            qsd.waitFor();
        }
        assertHolds(v, data, 4 * MIB);
        backend.delete(v);
    }

    /** One QMP command on a fresh connection: its answer line (return or error). */
    private static String qmp(Path sock, String command) throws IOException {
        try (var ch = java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of(sock));
             var in = new java.io.BufferedReader(new java.io.InputStreamReader(java.nio.channels.Channels
                     .newInputStream(ch), java.nio.charset.StandardCharsets.UTF_8));
             var out = java.nio.channels.Channels.newOutputStream(ch)) {
            in.readLine(); // the greeting
            out.write("{\"execute\": \"qmp_capabilities\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            in.readLine();
            out.write((command + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                if (line.contains("\"return\"") || line.contains("\"error\"")) {
                    return line;
                }
            }
            return "";
        }
    }

    @Test
    void theExportAdmitsOnlyTheChapAccountAndEachVolumeHasItsOwn() throws Exception {
        String a = id();
        String b = id();
        backend.create(a, MIB);
        backend.create(b, MIB);
        VolumeConnection ca = backend.initializeConnection(a, connector());
        VolumeConnection cb = backend.initializeConnection(b, connector());
        assertThat(ca.data()).containsEntry("target_iqn", "iqn.2010-10.org.openstack:volume-" + a)
                .containsEntry("auth_method", "CHAP").containsEntry("target_lun", "1");
        assertThat(ca.data().get("auth_password")).isNotEqualTo(cb.data().get("auth_password"));
        assertThatThrownBy(() -> QemuImg.virtualSize(uri(ca, false), "raw")).hasMessageContaining("uthentication");
        assertThat(QemuImg.virtualSize(uri(ca, true), "raw")).isEqualTo(MIB);
        // delete takes the export down with the volume
        backend.delete(a);
        assertThatThrownBy(() -> QemuImg.virtualSize(uri(ca, true), "raw")).isInstanceOf(IOException.class);
        assertThat(QemuImg.virtualSize(uri(cb, true), "raw")).isEqualTo(MIB);
        backend.delete(b);
    }
}
