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
