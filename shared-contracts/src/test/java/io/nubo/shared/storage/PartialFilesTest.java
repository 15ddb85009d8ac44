package io.nubo.shared.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartialFilesTest {

    @TempDir
    Path dir;

    @Test
    void aSweepRemovesWhatNoProcessHoldsAndSaysHowMuch() throws Exception {
        Files.write(dir.resolve("a.part"), new byte[1000]);
        Files.write(dir.resolve("b.part"), new byte[24]);
        assertThat(PartialFiles.sweep(dir)).isEqualTo(new PartialFiles.Swept(2, 1024));
        assertThat(dir).isEmptyDirectory();
        assertThat(PartialFiles.sweep(dir)).isEqualTo(new PartialFiles.Swept(0, 0));
    }

    @Test
    void anUploadOfThisJvmKeepsItsFileAndItsLock() throws Exception {
        Path file = dir.resolve("live.part");
        try (PartialFiles.Partial live = PartialFiles.create(file)) {
            live.channel().write(ByteBuffer.wrap(new byte[10]));
            assertThat(PartialFiles.sweep(dir).files()).isZero();
            assertThat(file).exists();
            assertThat(live.channel().isOpen()).isTrue();
        }
        assertThat(PartialFiles.sweep(dir).files()).as("closed: nobody holds it any more").isEqualTo(1);
    }

    @Test
    void anotherProcesssUploadIsLeftAloneUntilItDies() throws Exception {
        Path file = dir.resolve("other.part");
        Path holder = dir.resolveSibling(dir.getFileName() + "-Holder.java");
        Files.writeString(holder, """
                public class Holder {
                    public static void main(String[] a) throws Exception {
                        var ch = java.nio.channels.FileChannel.open(java.nio.file.Path.of(a[0]),
                                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
                        ch.lock();
                        ch.write(java.nio.ByteBuffer.wrap(new byte[100]));
                        System.out.println("locked");
                        Thread.sleep(120_000);
                    }
                }
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, holder.toString(), file.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");
            assertThat(PartialFiles.sweep(dir).files()).as("a live writer in another process").isZero();
            assertThat(file).exists();
            p.destroyForcibly(); // kill -9: the kernel drops its lock
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(PartialFiles.sweep(dir)).isEqualTo(new PartialFiles.Swept(1, 100));
            assertThat(file).doesNotExist();
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(holder);
        }
    }
}
