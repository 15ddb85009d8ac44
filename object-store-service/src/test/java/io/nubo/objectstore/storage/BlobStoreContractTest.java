package io.nubo.objectstore.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What every {@link BlobStore} driver promises; each driver's test extends this. */
public abstract class BlobStoreContractTest {

    protected abstract BlobStore store() throws IOException;

    static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aWrittenBlobReadsBackWithItsSizeAndMd5() throws IOException {
        StoredBlob b = store().write(bytes("hello world"), 100);
        assertThat(b.size()).isEqualTo(11);
        assertThat(b.md5()).isEqualTo("5eb63bbbe01eeed093cb22bb8f5acdc3");
        assertThat(read(store().read(b.key(), 0, -1))).isEqualTo("hello world");
        assertThat(store().exists(b.key())).isTrue();
    }

    @Test
    void rangesReadThePartAsked() throws IOException {
        StoredBlob b = store().write(bytes("0123456789"), 100);
        assertThat(read(store().read(b.key(), 3, 4))).isEqualTo("3456");
        assertThat(read(store().read(b.key(), 8, -1))).isEqualTo("89");
    }

    @Test
    void anEmptyBlobIsABlob() throws IOException {
        StoredBlob b = store().write(bytes(""), 100);
        assertThat(b.size()).isZero();
        assertThat(b.md5()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(read(store().read(b.key(), 0, -1))).isEmpty();
    }

    @Test
    void tooManyBytesStoreNothing() throws IOException {
        assertThatThrownBy(() -> store().write(bytes("0123456789"), 5)).isInstanceOf(BlobTooLargeException.class);
        assertThat(leftovers()).isZero();
    }

    /** A body of {@code good} bytes {@code x}, then "client went away". */
    static InputStream failingAfter(int good) {
        return new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n++ >= good) {
                    throw new IOException("client went away");
                }
                return 'x';
            }
        };
    }

    @Test
    void aStreamThatFailsMidwayStoresNothing() throws IOException {
        assertThatThrownBy(() -> store().write(failingAfter(1001), 10_000)).isInstanceOf(IOException.class);
        assertThat(leftovers()).isZero();
    }

    @Test
    void deletedBlobsAreGoneAndDeletingTwiceIsFine() throws IOException {
        StoredBlob b = store().write(bytes("x"), 10);
        store().delete(b.key());
        store().delete(b.key());
        assertThat(store().exists(b.key())).isFalse();
        assertThatThrownBy(() -> store().read(b.key(), 0, -1)).isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    /** Partial writes a driver left behind (temporary files, orphan pieces); 0 when none. */
    protected abstract long leftovers() throws IOException;
}
