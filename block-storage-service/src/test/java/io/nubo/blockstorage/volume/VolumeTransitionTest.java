package io.nubo.blockstorage.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.blockstorage.volume.snapshot.SnapshotStatus;
import io.nubo.blockstorage.volume.snapshot.SnapshotTransition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The state tables themselves: wire names, guards, and the way out of every status that work holds. */
class VolumeTransitionTest {

    @Test
    void wireNamesAreCindersAndRoundTrip() {
        assertThat(VolumeStatus.IN_USE.wire()).isEqualTo("in-use");
        assertThat(VolumeStatus.ERROR_DELETING.wire()).isEqualTo("error_deleting");
        for (VolumeStatus s : VolumeStatus.values()) {
            assertThat(VolumeStatus.fromWire(s.wire())).isEqualTo(s == VolumeStatus.DELETED ? null : s);
        }
        assertThat(VolumeStatus.fromWire("in_use")).isNull();
    }

    @Test
    void everyStatusHeldByWorkHasARecoveryAndRecoveriesLeaveOnlyThoseStatuses() {
        Set<VolumeStatus> work = Stream.of(VolumeStatus.values())
                .filter(s -> s.holder() == VolumeStatus.Holder.WORK).collect(Collectors.toSet());
        Set<VolumeStatus> recovered = VolumeTransition.recoveries().stream().flatMap(t -> t.from().stream())
                .collect(Collectors.toSet());
        assertThat(recovered).isEqualTo(work);
        for (VolumeTransition t : VolumeTransition.recoveries()) {
            assertThat(t.to().holder()).as(t.name()).isEqualTo(VolumeStatus.Holder.NONE);
        }
        Set<SnapshotStatus> snapWork = EnumSet.noneOf(SnapshotStatus.class);
        Stream.of(SnapshotStatus.values()).filter(SnapshotStatus::heldByWork).forEach(snapWork::add);
        assertThat(SnapshotTransition.recoveries().stream().flatMap(t -> t.from().stream())
                .collect(Collectors.toSet())).isEqualTo(snapWork);
    }

    @Test
    void guardsRefuseWhatCinderRefuses() {
        assertThat(VolumeTransition.BEGIN_DELETE.allowedFrom(VolumeStatus.IN_USE)).isFalse();
        assertThat(VolumeTransition.BEGIN_DELETE.allowedFrom(VolumeStatus.ATTACHING)).isFalse();
        assertThat(VolumeTransition.BEGIN_DELETE.allowedFrom(VolumeStatus.CREATING)).isFalse();
        assertThat(VolumeTransition.BEGIN_DELETE.allowedFrom(VolumeStatus.ERROR)).isTrue();
        assertThat(VolumeTransition.BEGIN_EXTEND.allowedFrom(VolumeStatus.IN_USE)).isFalse();
        assertThat(VolumeTransition.BEGIN_ATTACH.allowedFrom(VolumeStatus.IN_USE)).isFalse();
        assertThat(VolumeTransition.ATTACHED.allowedFrom(VolumeStatus.IN_USE)).isFalse();
        assertThat(VolumeTransition.BEGIN_DETACH.allowedFrom(VolumeStatus.AVAILABLE)).isFalse();
        assertThat(VolumeTransition.BEGIN_UPLOAD.allowedFrom(VolumeStatus.ERROR)).isFalse();
        // nothing leaves deleted, and only the delete transition enters it
        for (VolumeTransition t : VolumeTransition.values()) {
            assertThat(t.allowedFrom(VolumeStatus.DELETED)).as(t.name()).isFalse();
            assertThat(t.to() == VolumeStatus.DELETED).as(t.name()).isEqualTo(t == VolumeTransition.DELETED);
        }
    }

    /** A transition in the table that nothing applies is a guard nobody checks: each one is named in main code. */
    @Test
    void everyTransitionIsUsedByTheService() throws IOException {
        Path main = Path.of("src/main/java/io/nubo/blockstorage");
        String code;
        try (Stream<Path> files = Files.walk(main)) {
            code = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.getFileName().toString().matches("(Volume|Snapshot)Transition\\.java"))
                    .map(VolumeTransitionTest::read).collect(Collectors.joining("\n"));
        }
        for (VolumeTransition t : VolumeTransition.values()) {
            assertThat(code).as("VolumeTransition." + t.name() + " used")
                    .containsPattern("VolumeTransition\\." + t.name() + "\\b");
        }
        for (SnapshotTransition t : SnapshotTransition.values()) {
            assertThat(code).as("SnapshotTransition." + t.name() + " used")
                    .containsPattern("SnapshotTransition\\." + t.name() + "\\b");
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
