package io.nubo.blockstorage.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nubo.shared.events.compute.VolumeConnection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every volume backend does, run against each driver ({@code FileVolumeBackendTest} for qcow2 and raw,
 * {@code IscsiVolumeBackendTest} on a real tgtd, {@code RbdVolumeBackendTest} on a real single-node Ceph). Sizes are
 * a few MiB. The connection a driver answers is proven by qemu itself reading the volume's bytes through it, as a
 * guest's disk would.
 */
abstract class VolumeBackendContract {

    static final long MIB = 1024 * 1024;

    protected abstract VolumeBackend backend();

    /** The qemu source (file path or URI) and format that reach the volume through the connection. */
    protected abstract String[] qemuSource(VolumeConnection connection);

    protected abstract String expectedDriverVolumeType();

    @TempDir
    Path tmp;

    static String id() {
        return UUID.randomUUID().toString();
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    byte[] read(String volumeId) throws IOException {
        try (InputStream in = backend().copyVolumeToImage(volumeId)) {
            return in.readAllBytes();
        }
    }

    /** The volume's first bytes are {@code data} and the rest, up to its size, zeros. */
    void assertHolds(String volumeId, byte[] data, long size) throws IOException {
        byte[] all = read(volumeId);
        assertThat(all.length).isEqualTo(size);
        assertThat(Arrays.copyOf(all, data.length)).isEqualTo(data);
        for (int i = data.length; i < all.length; i++) {
            if (all[i] != 0) {
                throw new AssertionError("byte " + i + " of " + volumeId + " is " + all[i] + ", not 0");
            }
        }
    }

    void writeRaw(String volumeId, byte[] data) throws IOException {
        backend().copyImageToVolume(volumeId, new ByteArrayInputStream(data), DiskFormat.RAW);
    }

    @Test
    void aNewVolumeHasItsSizeAndOnlyZeros() throws IOException {
        String v = id();
        assertThat(backend().size(v)).isEqualTo(-1);
        backend().create(v, 4 * MIB);
        assertThat(backend().size(v)).isEqualTo(4 * MIB);
        assertHolds(v, new byte[0], 4 * MIB);
        backend().delete(v);
        assertThat(backend().size(v)).isEqualTo(-1);
        backend().delete(v); // again: nothing there, no error
    }

    @Test
    void aSecondCreateWithTheSameIdFailsAndLeavesTheFirstIntact() throws IOException {
        String v = id();
        backend().create(v, 2 * MIB);
        byte[] data = random(5000, 1);
        writeRaw(v, data);
        assertThatThrownBy(() -> backend().create(v, 4 * MIB)).isInstanceOf(IOException.class);
        assertHolds(v, data, 2 * MIB);
        backend().delete(v);
    }

    @Test
    void rawAndQcow2ImagesAreWrittenAndReadBackRaw() throws Exception {
        String v = id();
        backend().create(v, 4 * MIB);
        byte[] data = random((int) (1 * MIB + 123), 2);
        writeRaw(v, data);
        assertHolds(v, data, 4 * MIB);

        byte[] other = random(70_000, 3);
        Path raw = tmp.resolve("image.raw");
        Files.write(raw, other);
        Path qcow2 = tmp.resolve("image.qcow2");
        QemuImg.convert(raw.toString(), "raw", qcow2, "qcow2");
        try (InputStream in = Files.newInputStream(qcow2)) {
            backend().copyImageToVolume(v, in, DiskFormat.QCOW2);
        }
        // the qcow2 image replaced all of the volume: the old bytes past its end are zero now
        assertHolds(v, other, 4 * MIB);
        backend().delete(v);
    }

    @Test
    void anImageLargerThanTheVolumeIsRefusedAndChangesNothing() throws IOException {
        String v = id();
        backend().create(v, 1 * MIB);
        byte[] data = random(1000, 4);
        writeRaw(v, data);
        assertThatThrownBy(() -> writeRaw(v, random((int) (2 * MIB), 5)))
                .isInstanceOf(ImageTooLargeException.class).hasMessageContaining("doesn't fit");
        assertHolds(v, data, 1 * MIB);
        backend().delete(v);
    }

    @Test
    void extendKeepsTheBytesAndNeverShrinks() throws IOException {
        String v = id();
        backend().create(v, 1 * MIB);
        byte[] data = random(300_000, 6);
        writeRaw(v, data);
        backend().extend(v, 3 * MIB);
        assertThat(backend().size(v)).isEqualTo(3 * MIB);
        assertHolds(v, data, 3 * MIB);
        assertThatThrownBy(() -> backend().extend(v, 2 * MIB)).isInstanceOf(IllegalArgumentException.class);
        assertThat(backend().size(v)).isEqualTo(3 * MIB);
        backend().delete(v);
    }

    /** 3.42: a backend that grows attached volumes keeps their bytes; one that cannot says so and changes nothing. */
    @Test
    void anAttachedVolumeGrowsWhereTheBackendCanAndIsRefusedWhereItCannot() throws IOException {
        String v = id();
        backend().create(v, 1 * MIB);
        byte[] data = random(200_000, 7);
        writeRaw(v, data);
        if (backend().extendsAttached()) {
            backend().extendAttached(v, 2 * MIB);
            assertThat(backend().size(v)).isEqualTo(2 * MIB);
            assertHolds(v, data, 2 * MIB);
            assertThatThrownBy(() -> backend().extendAttached(v, 1 * MIB))
                    .isInstanceOf(IllegalArgumentException.class);
        } else {
            assertThatThrownBy(() -> backend().extendAttached(v, 2 * MIB))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("cannot extend an attached volume");
            assertHolds(v, data, 1 * MIB);
        }
        backend().delete(v);
    }

    @Test
    void aSnapshotKeepsTheBytesOfItsMomentAndAVolumeFromItIsIndependent() throws IOException {
        String v = id();
        String s = id();
        backend().create(v, 2 * MIB);
        byte[] before = random(100_000, 7);
        writeRaw(v, before);
        backend().createSnapshot(v, s);
        byte[] after = random(200_000, 8);
        writeRaw(v, after);

        String fromSnap = id();
        backend().createFromSnapshot(v, s, fromSnap, 3 * MIB);
        assertHolds(fromSnap, before, 3 * MIB);
        assertHolds(v, after, 2 * MIB);

        // the new volume stands alone: the snapshot and its volume can go, and it keeps its bytes
        backend().deleteSnapshot(v, s);
        backend().deleteSnapshot(v, s);
        backend().delete(v);
        assertHolds(fromSnap, before, 3 * MIB);
        backend().delete(fromSnap);
    }

    @Test
    void aVolumeRevertedToItsSnapshotHoldsTheSnapshotsBytesAndKeepsIt() throws IOException {
        String v = id();
        String s = id();
        backend().create(v, 2 * MIB);
        byte[] before = random(150_000, 11);
        writeRaw(v, before);
        backend().createSnapshot(v, s);
        writeRaw(v, random(300_000, 12));

        backend().revertToSnapshot(v, s);
        assertHolds(v, before, 2 * MIB);
        // the snapshot is still there, whole, and the volume goes on independently of it
        writeRaw(v, random(1000, 13));
        String fromSnap = id();
        backend().createFromSnapshot(v, s, fromSnap, 2 * MIB);
        assertHolds(fromSnap, before, 2 * MIB);
        // a snapshot that is not there changes nothing
        byte[] now = read(v);
        assertThatThrownBy(() -> backend().revertToSnapshot(v, id())).isInstanceOf(IOException.class);
        assertThat(read(v)).isEqualTo(now);
        backend().delete(fromSnap);
        backend().deleteSnapshot(v, s);
        backend().delete(v);
    }

    @Test
    void aCloneHasTheSourcesBytesAndLaterWritesDoNotCross() throws IOException {
        String src = id();
        backend().create(src, 2 * MIB);
        byte[] data = random(150_000, 9);
        writeRaw(src, data);
        String clone = id();
        backend().cloneVolume(src, clone, 2 * MIB);
        byte[] later = random(150_000, 10);
        writeRaw(src, later);
        assertHolds(clone, data, 2 * MIB);
        String bigger = id();
        backend().cloneVolume(src, bigger, 4 * MIB);
        assertHolds(bigger, later, 4 * MIB);
        backend().delete(src);
        assertHolds(clone, data, 2 * MIB);
        backend().delete(clone);
        backend().delete(bigger);
    }

    @Test
    void operationsOnAMissingVolumeFailWithoutMakingAnything() {
        String missing = id();
        assertThatThrownBy(() -> backend().extend(missing, 2 * MIB)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> backend().cloneVolume(missing, id(), MIB)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> backend().createSnapshot(missing, id())).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> backend().copyVolumeToImage(missing)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> backend().initializeConnection(missing, connector()))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> backend().createFromSnapshot(missing, id(), id(), MIB))
                .isInstanceOf(IOException.class);
    }

    @Test
    void theConnectionReachesTheVolumesBytesAsAGuestWould() throws Exception {
        String v = id();
        backend().create(v, 2 * MIB);
        byte[] data = random(64 * 1024, 11);
        writeRaw(v, data);
        VolumeConnection c = backend().initializeConnection(v, connector());
        assertThat(c.driverVolumeType()).isEqualTo(expectedDriverVolumeType());
        assertThat(c.data()).containsEntry("volume_id", v);
        // twice is the same connection (Nova calls it again on reboot)
        assertThat(backend().initializeConnection(v, connector())).isEqualTo(c);
        String[] source = qemuSource(c);
        assertThat(QemuImg.virtualSize(source[0], source[1])).isEqualTo(2 * MIB);
        Path out = tmp.resolve("through-connection.raw");
        QemuImg.convert(source[0], source[1], out, "raw");
        byte[] seen = Files.readAllBytes(out);
        assertThat(Arrays.copyOf(seen, data.length)).isEqualTo(data);
        backend().terminateConnection(v, connector());
        backend().terminateConnection(v, connector());
        afterTerminate(c);
        backend().delete(v);
    }

    /** What a driver checks once the connection is gone (iSCSI: the target no longer answers). */
    protected void afterTerminate(VolumeConnection c) throws Exception {
    }

    static VolumeBackend.Connector connector() {
        return new VolumeBackend.Connector("compute-1", "iqn.1993-08.org.debian:01:test", "127.0.0.1");
    }
}
