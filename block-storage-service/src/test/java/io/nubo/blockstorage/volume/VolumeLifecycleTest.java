package io.nubo.blockstorage.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nubo.blockstorage.BlockStorageHttpTest;
import io.nubo.blockstorage.volume.snapshot.SnapshotEntity;
import io.nubo.blockstorage.volume.snapshot.SnapshotLifecycle;
import io.nubo.blockstorage.volume.snapshot.SnapshotRepository;
import io.nubo.blockstorage.volume.snapshot.SnapshotStatus;
import io.nubo.blockstorage.volume.snapshot.SnapshotTransition;
import io.nubo.shared.web.OpenStackException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The compare-and-swap transitions and the start-up sweep on real PostgreSQL. */
@org.junit.jupiter.api.Tag("integration")
class VolumeLifecycleTest extends BlockStorageHttpTest {

    @Autowired
    VolumeLifecycle lifecycle;
    @Autowired
    VolumeRepository volumes;
    @Autowired
    SnapshotLifecycle snapshotLifecycle;
    @Autowired
    SnapshotRepository snapshots;
    @Autowired
    JdbcTemplate jdbc;

    private String volumeIn(VolumeStatus status) {
        String id = UUID.randomUUID().toString();
        volumes.save(new VolumeEntity(id, "p-life", "u", 1, "nova", "f1b6ff4f-6f8a-4f7a-9e9a-0d6c4b3bb0a1",
                "file", Instant.now()));
        jdbc.update("update volumes set status = ? where id = ?", status.name(), id);
        return id;
    }

    private VolumeStatus statusOf(String id) {
        return VolumeStatus.valueOf(jdbc.queryForObject("select status from volumes where id = ?", String.class, id));
    }

    /** Every transition from every status: it moves exactly the statuses in its table row, and no other. */
    @Test
    void everyTransitionMovesExactlyItsSourceStatuses() {
        for (VolumeTransition t : VolumeTransition.values()) {
            for (VolumeStatus s : VolumeStatus.values()) {
                String id = volumeIn(s);
                boolean moved = lifecycle.tryApply(id, t);
                assertThat(moved).as(t + " from " + s).isEqualTo(t.allowedFrom(s));
                assertThat(statusOf(id)).as(t + " from " + s).isEqualTo(moved ? t.to() : s);
            }
        }
    }

    @Test
    void aRefusedTransitionSaysWhichStatusTheVolumeIsIn() {
        String id = volumeIn(VolumeStatus.IN_USE);
        assertThatThrownBy(() -> lifecycle.apply(id, VolumeTransition.BEGIN_DELETE))
                .isInstanceOf(OpenStackException.class)
                .hasMessageContaining("Invalid volume: Volume status must be")
                .hasMessageContaining("but it is in-use");
        assertThatThrownBy(() -> lifecycle.apply(UUID.randomUUID().toString(), VolumeTransition.BEGIN_DELETE))
                .hasMessageContaining("could not be found");
        String deleting = volumeIn(VolumeStatus.DELETING);
        lifecycle.apply(deleting, VolumeTransition.DELETED);
        assertThat(volumes.findLive(deleting)).isEmpty();
        assertThat(jdbc.queryForObject("select deleted_at from volumes where id = ?", Instant.class, deleting))
                .isNotNull();
    }

    @Test
    void ofTwoConcurrentDeletesExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                String id = volumeIn(VolumeStatus.AVAILABLE);
                List<Callable<Boolean>> racers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    racers.add(() -> lifecycle.tryApply(id, VolumeTransition.BEGIN_DELETE));
                }
                int winners = 0;
                for (Future<Boolean> f : pool.invokeAll(racers)) {
                    winners += f.get() ? 1 : 0;
                }
                assertThat(winners).isEqualTo(1);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theStartUpSweepLeavesNothingInAStatusHeldByWork() {
        String creating = volumeIn(VolumeStatus.CREATING);
        String downloading = volumeIn(VolumeStatus.DOWNLOADING);
        String deleting = volumeIn(VolumeStatus.DELETING);
        String extending = volumeIn(VolumeStatus.EXTENDING);
        String uploading = volumeIn(VolumeStatus.UPLOADING);
        String attaching = volumeIn(VolumeStatus.ATTACHING);
        lifecycle.sweep();
        assertThat(statusOf(creating)).isEqualTo(VolumeStatus.ERROR);
        assertThat(statusOf(downloading)).isEqualTo(VolumeStatus.ERROR);
        assertThat(statusOf(deleting)).isEqualTo(VolumeStatus.ERROR_DELETING);
        assertThat(statusOf(extending)).isEqualTo(VolumeStatus.ERROR_EXTENDING);
        assertThat(statusOf(uploading)).isEqualTo(VolumeStatus.AVAILABLE);
        // held by a client, who gives it back (os-unreserve, os-roll_detaching): not the sweep's to change
        assertThat(statusOf(attaching)).isEqualTo(VolumeStatus.ATTACHING);
        assertThat(jdbc.queryForObject("select failure from volumes where id = ?", String.class, creating))
                .contains("restart");
        assertThat(volumes.idsInStatus(java.util.EnumSet.of(VolumeStatus.CREATING, VolumeStatus.DOWNLOADING,
                VolumeStatus.DELETING, VolumeStatus.EXTENDING, VolumeStatus.UPLOADING))).isEmpty();
    }

    @Test
    void snapshotTransitionsAndSweep() {
        String volume = volumeIn(VolumeStatus.AVAILABLE);
        for (SnapshotTransition t : SnapshotTransition.values()) {
            for (SnapshotStatus s : SnapshotStatus.values()) {
                String id = UUID.randomUUID().toString();
                snapshots.save(new SnapshotEntity(id, volume, "p-life", "u", 1, Instant.now()));
                jdbc.update("update snapshots set status = ? where id = ?", s.name(), id);
                boolean moved = snapshotLifecycle.tryApply(id, t);
                assertThat(moved).as(t + " from " + s).isEqualTo(t.from().contains(s));
                assertThat(jdbc.queryForObject("select status from snapshots where id = ?", String.class, id))
                        .isEqualTo((moved ? t.to() : s).name());
            }
        }
        String creating = UUID.randomUUID().toString();
        snapshots.save(new SnapshotEntity(creating, volume, "p-life", "u", 1, Instant.now()));
        String deleting = UUID.randomUUID().toString();
        snapshots.save(new SnapshotEntity(deleting, volume, "p-life", "u", 1, Instant.now()));
        jdbc.update("update snapshots set status = 'DELETING' where id = ?", deleting);
        snapshotLifecycle.sweep();
        assertThat(snapshots.findLive(creating).orElseThrow().getStatus()).isEqualTo(SnapshotStatus.ERROR);
        assertThat(snapshots.findLive(deleting).orElseThrow().getStatus()).isEqualTo(SnapshotStatus.ERROR_DELETING);
        assertThatThrownBy(() -> snapshotLifecycle.apply(creating, SnapshotTransition.CREATED))
                .hasMessageContaining("Invalid snapshot");
    }
}
