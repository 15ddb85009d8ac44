package io.nubo.objectstore.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileBlobStoreTest extends BlobStoreContractTest {

    @TempDir
    Path dir;
    private LocalFileBlobStore store;

    @Override
    protected BlobStore store() throws IOException {
        if (store == null) {
            store = new LocalFileBlobStore(dir);
        }
        return store;
    }

    @Override
    protected long leftovers() throws IOException {
        try (Stream<Path> s = Files.list(dir.resolve("tmp"))) {
            return s.count();
        }
    }

    @Test
    void anUploadSyncedInTheBackgroundOnTheWayIsWholeAndLeavesNothingInTmp() throws Exception {
        int size = (int) (LocalFileBlobStore.FLUSH_EVERY_BYTES * 2 + 12345);
        byte[] data = new byte[size];
        new java.util.Random(14).nextBytes(data);
        StoredBlob b = store().write(new java.io.ByteArrayInputStream(data), size);
        assertThat(b.size()).isEqualTo(size);
        assertThat(b.md5()).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("MD5").digest(data)));
        try (java.io.InputStream in = store().read(b.key(), 0, -1)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThat(leftovers()).isZero();
        assertThat(store.pathOf(b.key())).isRegularFile();
    }

    @Test
    void aCrashedUploadIsCleanedAtStart() throws IOException {
        store();
        Files.writeString(dir.resolve("tmp").resolve("abc.part"), "partial");
        new LocalFileBlobStore(dir);
        assertThat(leftovers()).isZero();
    }
}
