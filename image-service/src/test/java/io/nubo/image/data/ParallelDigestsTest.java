package io.nubo.image.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ParallelDigestsTest {

    @Test
    void matchesTheDigestsOfTheWholeStreamWhateverTheChunking() throws Exception {
        for (int size : new int[] {0, 1, 256 * 1024, 256 * 1024 + 1, 5 * 1024 * 1024 + 123}) {
            byte[] data = new byte[size];
            new Random(size).nextBytes(data);
            try (ParallelDigests d = new ParallelDigests()) {
                Random chunks = new Random(7);
                for (int off = 0; off < size; ) {
                    int n = Math.min(size - off, 1 + chunks.nextInt(100_000));
                    d.update(data, off, n);
                    off += n;
                }
                String[] hex = d.finish();
                assertThat(hex[0]).isEqualTo(hex("MD5", data));
                assertThat(hex[1]).isEqualTo(hex("SHA-512", data));
                assertThat(d.finish()).isEqualTo(hex);
            }
        }
    }

    @Test
    void closingWithoutFinishingStopsTheThreads() throws Exception {
        ParallelDigests d = new ParallelDigests();
        d.update(new byte[1_000_000], 0, 1_000_000);
        d.close();
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline && Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("image-md5") || t.getName().startsWith("image-sha-512"))) {
            Thread.sleep(20);
        }
        assertThat(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("image-md5") || t.getName().startsWith("image-sha-512"))).isEmpty();
    }

    private static String hex(String algo, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algo).digest(data));
    }
}
