package io.nubo.image.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ImageStore} driver promises; each driver's test extends this and says how to make one.
 * Writes are whole or absent, reads stream from any offset, deletes are idempotent, and a write that fails
 * half-way leaves nothing a reader could find.
 */
public abstract class ImageStoreContract {

    protected abstract ImageStore store() throws Exception;

    /** Locations this driver's store could have used for the image, to check nothing is left after a failure. */
    protected abstract boolean anythingStoredFor(String imageId) throws Exception;

    @Test
    void writeThenReadWholeAndFromAnOffset() throws Exception {
        ImageStore store = store();
        byte[] data = random(3 * 1024 * 1024 + 17);
        String id = UUID.randomUUID().toString();
        ImageStore.StoredObject o = store.write(id, new ByteArrayInputStream(data));
        assertThat(o.size()).isEqualTo(data.length);
        assertThat(store.exists(o.location())).isTrue();
        try (InputStream in = store.read(o.location(), 0, -1)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        try (InputStream in = store.read(o.location(), 1_000_000, 1000)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 1_000_000, 1_001_000));
        }
    }

    @Test
    void deleteIsIdempotentAndReadsOfMissingDataFail() throws Exception {
        ImageStore store = store();
        String id = UUID.randomUUID().toString();
        ImageStore.StoredObject o = store.write(id, new ByteArrayInputStream(new byte[] {1, 2, 3}));
        store.delete(o.location());
        store.delete(o.location());
        assertThat(store.exists(o.location())).isFalse();
        assertThatThrownBy(() -> store.read(o.location(), 0, -1)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aWriteThatFailsHalfWayLeavesNothingBehind() throws Exception {
        ImageStore store = store();
        String id = UUID.randomUUID().toString();
        InputStream broken = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (n++ > 200_000) {
                    throw new IOException("client went away");
                }
                return 7;
            }
        };
        assertThatThrownBy(() -> store.write(id, broken)).isInstanceOf(IOException.class);
        assertThat(anythingStoredFor(id)).isFalse();
    }

    @Test
    void anEmptyImageIsStored() throws Exception {
        ImageStore store = store();
        ImageStore.StoredObject o = store.write(UUID.randomUUID().toString(), new ByteArrayInputStream(new byte[0]));
        assertThat(o.size()).isZero();
        try (InputStream in = store.read(o.location(), 0, -1)) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }
}
