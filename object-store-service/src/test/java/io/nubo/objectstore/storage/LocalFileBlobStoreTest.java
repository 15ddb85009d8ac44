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
    void aCrashedUploadIsCleanedAtStart() throws IOException {
        store();
        Files.writeString(dir.resolve("tmp").resolve("abc.part"), "partial");
        new LocalFileBlobStore(dir);
        assertThat(leftovers()).isZero();
    }
}
