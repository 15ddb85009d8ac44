package io.nubo.image.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileImageStoreTest extends ImageStoreContract {

    @TempDir
    Path dir;

    @Override
    protected ImageStore store() {
        return new FileImageStore("file", dir);
    }

    @Override
    protected boolean anythingStoredFor(String imageId) throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.anyMatch(p -> p.getFileName().toString().startsWith(imageId));
        }
    }

    @Test
    void whatACrashLeftInIncomingIsRemovedAtStart() throws Exception {
        store();
        Path partial = dir.resolve(".incoming").resolve("an-image.0b5e");
        Files.write(partial, new byte[4096]);
        new FileImageStore("file", dir);
        assertThat(partial).doesNotExist();
    }

    @Test
    void locationsOutsideTheStoreAreNotRead() {
        ImageStore store = store();
        assertThatThrownBy(() -> store.read("file:///etc/passwd", 0, -1)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.read(dir.resolve("../x").toUri().toString(), 0, -1))
                .isInstanceOf(NoSuchFileException.class);
    }
}
