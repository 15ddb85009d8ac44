package io.nubo.blockstorage.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.shared.events.compute.VolumeConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract for the file backend in both its formats; the file is what a host opens. */
class FileVolumeBackendTest {

    @Nested
    class Qcow2 extends VolumeBackendContract {
        @TempDir
        Path root;
        FileVolumeBackend backend;

        @BeforeEach
        void make() throws Exception {
            backend = new FileVolumeBackend(root, "qcow2");
        }

        @Override
        protected VolumeBackend backend() {
            return backend;
        }

        @Override
        protected String[] qemuSource(VolumeConnection c) {
            return new String[] {c.data().get("path"), c.data().get("format")};
        }

        @Override
        protected String expectedDriverVolumeType() {
            return "file";
        }

        @Test
        void volumesAreThinQcow2FilesAndNothingIsLeftInTheWorkDirectory() throws Exception {
            String v = id();
            backend.create(v, 64 * MIB);
            Path file = backend.path(v);
            assertThat(file.getFileName().toString()).isEqualTo("volume-" + v + ".qcow2");
            assertThat(Files.size(file)).isLessThan(MIB);
            assertThat(new String(Files.readAllBytes(file), 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .isEqualTo("QFI\u00fb");
            writeRaw(v, random(1000, 1));
            backend.createSnapshot(v, id());
            try (var s = Files.list(root.resolve("tmp"))) {
                assertThat(s).isEmpty();
            }
        }

        /**
         * A guest's qemu holds the qcow2 file's write lock (here qemu-io stands in for it): qemu-img may not change
         * the header, so the extend leaves it to that qemu's block resize and does not fail; once the lock is gone
         * qemu-img grows it.
         */
        @Test
        void anAttachedQcow2HeldByAGuestIsLeftToItsQemuAndGrownWhenFree() throws Exception {
            String v = id();
            backend.create(v, 1 * MIB);
            Process holder = hold(backend.path(v));
            try {
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (lockFree(backend.path(v)) && System.nanoTime() < deadline) {
                    if (!holder.isAlive()) { // it lost the race for the lock to our own probe: again
                        holder = hold(backend.path(v));
                    }
                    Thread.sleep(100);
                }
                backend.extendAttached(v, 2 * MIB);
                assertThat(backend.size(v)).isEqualTo(1 * MIB);
            } finally {
                holder.destroy();
                holder.waitFor();
            }
            backend.extendAttached(v, 2 * MIB);
            assertThat(backend.size(v)).isEqualTo(2 * MIB);
            backend.delete(v);
        }

        private static Process hold(Path file) throws Exception {
            return new ProcessBuilder("qemu-io", "-f", "qcow2", "-c", "sleep 30000", file.toString())
                    .redirectErrorStream(true).start();
        }

        /** Whether no process holds the image's write lock (qemu-img info without -U is refused then). */
        private static boolean lockFree(Path file) throws Exception {
            Process p = new ProcessBuilder("qemu-img", "info", file.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return !out.contains("lock");
        }

    }

    @Nested
    class Raw extends VolumeBackendContract {
        @TempDir
        Path root;
        FileVolumeBackend backend;

        @BeforeEach
        void make() throws Exception {
            backend = new FileVolumeBackend(root, "raw");
        }

        @Override
        protected VolumeBackend backend() {
            return backend;
        }

        @Override
        protected String[] qemuSource(VolumeConnection c) {
            return new String[] {c.data().get("path"), c.data().get("format")};
        }

        @Override
        protected String expectedDriverVolumeType() {
            return "file";
        }

        @Test
        void aRawImageThatLooksLikeQcow2StaysRawBytes() throws Exception {
            // a qcow2 header inside a raw image must never be interpreted (the format is always given)
            Path q = root.resolve("evil.qcow2");
            QemuImg.create(q, "qcow2", MIB);
            byte[] header = Files.readAllBytes(q);
            String v = id();
            backend.create(v, 2 * MIB);
            writeRaw(v, header);
            assertHolds(v, header, 2 * MIB);
        }
    }
}
