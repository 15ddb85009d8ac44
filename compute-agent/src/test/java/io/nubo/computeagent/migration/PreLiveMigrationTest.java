package io.nubo.computeagent.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.computeagent.command.CommandDispatcher;
import io.nubo.computeagent.command.NicPlumbing;
import io.nubo.computeagent.command.Reports;
import io.nubo.computeagent.command.VolumeDisks;
import io.nubo.computeagent.hypervisor.LibvirtHypervisor;
import io.nubo.network.dataplane.HostNetworking;
import io.nubo.network.dataplane.LinuxHostNetworking;
import io.nubo.shared.events.compute.InstanceReport;
import io.nubo.shared.events.compute.InstanceReport.Outcome;
import io.nubo.shared.events.compute.NicSpec;
import io.nubo.shared.events.compute.PrepareLiveMigration;
import io.nubo.shared.events.compute.PrepareLiveMigration.MigratingVolume;
import io.nubo.shared.events.compute.RollbackLiveMigrationAtDestination;
import io.nubo.shared.events.compute.VolumeConnection;
import io.nubo.testsupport.LibvirtTestHost;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The destination's preparation before a live migration, against this machine's real libvirtd (the test driver
 * keeps no secrets) and real Linux bridges: an iSCSI volume's CHAP secret is defined and the NIC's bridge made; the
 * rollback after a failed move removes the secret; a preparation that cannot connect one volume (an RBD secret the
 * host lacks) fails and leaves no secret of the others behind.
 */
@Tag("integration")
class PreLiveMigrationTest {

    @TempDir
    static Path work;
    static LibvirtHypervisor hypervisor;
    static LinuxHostNetworking network;
    static CommandDispatcher destination;
    static final String NET = "lmprep" + UUID.randomUUID().toString().substring(0, 6);

    @BeforeAll
    static void start() {
        hypervisor = LibvirtHypervisor.open(LibvirtTestHost.URI);
        network = new LinuxHostNetworking(work.resolve("net"));
        Reports reports = new Reports("host-2", Clock.systemUTC());
        destination = new CommandDispatcher(List.of(
                new PreLiveMigrationHandler(hypervisor, new NicPlumbing(network), reports),
                new RollbackAtDestinationHandler(hypervisor, reports)), hypervisor, reports);
    }

    @AfterAll
    static void stop() {
        network.teardown(NET);
        hypervisor.close();
    }

    static MigratingVolume chap(String volumeId) {
        return new MigratingVolume(volumeId, new VolumeConnection("iscsi", Map.of("target_portal", "127.0.0.1:3260",
                "target_iqn", "iqn.2010-10.org.openstack:" + volumeId, "target_lun", "1", "auth_method", "CHAP",
                "auth_username", volumeId, "auth_password", "s3cret-" + volumeId)));
    }

    static boolean bridgeExists(String networkId) throws Exception {
        return new ProcessBuilder("ip", "link", "show", "dev", HostNetworking.bridgeName(networkId)).start()
                .waitFor() == 0;
    }

    @Test
    void volumesAreConnectedAndNicsPluggedHereAndTheRollbackRemovesTheSecrets() throws Exception {
        String instance = UUID.randomUUID().toString();
        String volume = "vol-" + UUID.randomUUID();
        NicSpec nic = new NicSpec("port-1", NET, "fa:16:3e:00:00:01", 1450, List.of(), Map.of());
        InstanceReport prepared = (InstanceReport) destination.dispatch(new PrepareLiveMigration(instance, "host-2",
                "req-1", "host-1", List.of(chap(volume)), List.of(nic)));
        assertThat(prepared.outcome()).as(prepared.faultMessage()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(prepared.operation()).isEqualTo("pre_live_migration");
        assertThat(hypervisor.hasSecret(VolumeDisks.chapSecretUuid(volume))).isTrue();
        assertThat(bridgeExists(NET)).isTrue();

        InstanceReport rolledBack = (InstanceReport) destination.dispatch(new RollbackLiveMigrationAtDestination(
                instance, "host-2", "req-1", List.of(volume)));
        assertThat(rolledBack.outcome()).isEqualTo(Outcome.SUCCEEDED);
        assertThat(hypervisor.hasSecret(VolumeDisks.chapSecretUuid(volume))).isFalse();
    }

    @Test
    void aVolumeThatCannotBeConnectedFailsThePreparationAndLeavesNoSecretBehind() {
        String instance = UUID.randomUUID().toString();
        String volume = "vol-" + UUID.randomUUID();
        String missing = UUID.randomUUID().toString();
        MigratingVolume rbd = new MigratingVolume("vol-rbd", new VolumeConnection("rbd", Map.of("name",
                "volumes/volume-x", "hosts", "127.0.0.1", "ports", "6789", "auth_username", "cinder",
                "secret_uuid", missing)));
        InstanceReport r = (InstanceReport) destination.dispatch(new PrepareLiveMigration(instance, "host-2",
                "req-2", "host-1", List.of(chap(volume), rbd), List.of()));
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.faultMessage()).contains("host host-2 cannot take instance " + instance)
                .contains("no secret " + missing);
        assertThat(hypervisor.hasSecret(VolumeDisks.chapSecretUuid(volume))).isFalse();
    }
}
