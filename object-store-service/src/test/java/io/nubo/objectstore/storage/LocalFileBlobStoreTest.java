package io.nubo.objectstore.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
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
    void aCrashedUploadIsCleanedAtStart() throws IOException {
        store();
        Files.writeString(dir.resolve("tmp").resolve("abc.part"), "partial");
        new LocalFileBlobStore(dir);
        assertThat(leftovers()).isZero();
    }

    /** A store with 4 KiB buffers and a background flush every 8 KiB, so that small bodies span both. */
    private LocalFileBlobStore smallBuffers() throws IOException {
        return new LocalFileBlobStore(dir, 4096, 8192);
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static String md5(byte[] b) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    private long filesUnderBlobs() throws IOException {
        try (Stream<Path> s = Files.walk(dir.resolve("blobs"))) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void aBodyOfSeveralBuffersAndAPartReadsBackWholeWithItsMd5() throws Exception {
        LocalFileBlobStore s = smallBuffers();
        byte[] data = random(4096 * 5 + 123);
        StoredBlob b = s.write(new ByteArrayInputStream(data), data.length);
        assertThat(b.size()).isEqualTo(data.length);
        assertThat(b.md5()).isEqualTo(md5(data));
        try (InputStream in = s.read(b.key(), 0, -1)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThat(leftovers()).isZero();
    }

    @Test
    void aBodyOfWholeBuffersFitsALimitOfExactlyItsSizeAndNotOneByteLess() throws Exception {
        LocalFileBlobStore s = smallBuffers();
        byte[] data = random(4096 * 4);
        StoredBlob b = s.write(new ByteArrayInputStream(data), data.length);
        assertThat(b.size()).isEqualTo(data.length);
        assertThat(b.md5()).isEqualTo(md5(data));
        try (InputStream in = s.read(b.key(), 0, -1)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThatThrownBy(() -> s.write(new ByteArrayInputStream(data), data.length - 1))
                .isInstanceOf(BlobTooLargeException.class);
        assertThat(leftovers()).isZero();
        assertThat(filesUnderBlobs()).isEqualTo(1);
    }

    @Test
    void noLimitMeansNoLimit() throws Exception {
        byte[] data = random(3000);
        StoredBlob b = smallBuffers().write(new ByteArrayInputStream(data), Long.MAX_VALUE);
        assertThat(b.size()).isEqualTo(3000);
        assertThat(b.md5()).isEqualTo(md5(data));
    }

    @Test
    void aBodyThatFailsAfterSeveralBuffersAndFlushesLeavesNoFileInTmpOrBlobs() throws IOException {
        assertThatThrownBy(() -> smallBuffers().write(failingAfter(4096 * 6 + 10), 1 << 20)).hasMessage("client went away");
        assertThat(leftovers()).isZero();
        assertThat(filesUnderBlobs()).isZero();
    }
}
