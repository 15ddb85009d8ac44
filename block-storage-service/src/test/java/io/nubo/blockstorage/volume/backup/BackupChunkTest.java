package io.nubo.blockstorage.volume.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The chunk codec of the backup driver and the backup state table. */
class BackupChunkTest {

    @Test
    void chunksRoundTripThroughZlibAndTheirMd5() throws IOException {
        byte[] data = new byte[1 << 20];
        new Random(7).nextBytes(data);
        for (int i = 0; i < data.length; i += 3) {
            data[i] = 0;
        }
        byte[] packed = BackupWork.deflate(data, data.length);
        assertThat(BackupWork.inflate(packed, data.length)).isEqualTo(data);
        assertThat(BackupWork.md5(data, 3)).isEqualTo(BackupWork.md5(new byte[] {data[0], data[1], data[2]}, 3));
        assertThatThrownBy(() -> BackupWork.inflate(packed, data.length + 1)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> BackupWork.inflate(new byte[] {1, 2, 3}, 3)).isInstanceOf(IOException.class);
    }

    @Test
    void onlyAllZeroChunksAreLeftOut() {
        byte[] b = new byte[4096];
        assertThat(BackupWork.allZero(b, b.length)).isTrue();
        b[4095] = 1;
        assertThat(BackupWork.allZero(b, b.length)).isFalse();
        assertThat(BackupWork.allZero(b, 4095)).isTrue();
    }

    @Test
    void everyStatusHeldByWorkHasARecovery() {
        Set<BackupStatus> work = Stream.of(BackupStatus.values()).filter(BackupStatus::heldByWork)
                .collect(Collectors.toSet());
        assertThat(BackupTransition.recoveries().stream().flatMap(t -> t.from().stream()).collect(Collectors.toSet()))
                .isEqualTo(work);
        for (BackupTransition t : BackupTransition.recoveries()) {
            assertThat(t.to().heldByWork()).as(t.name()).isFalse();
        }
        assertThat(BackupTransition.BEGIN_DELETE.from()).isEqualTo(EnumSet.of(BackupStatus.AVAILABLE,
                BackupStatus.ERROR, BackupStatus.ERROR_DELETING));
        for (BackupTransition t : BackupTransition.values()) {
            assertThat(t.from()).as(t.name()).doesNotContain(BackupStatus.DELETED);
        }
    }
}
