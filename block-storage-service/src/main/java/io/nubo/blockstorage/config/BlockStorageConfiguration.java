package io.nubo.blockstorage.config;

import io.nubo.blockstorage.backend.FileVolumeBackend;
import io.nubo.blockstorage.backend.IscsiVolumeBackend;
import io.nubo.blockstorage.backend.RbdVolumeBackend;
import io.nubo.blockstorage.backend.VolumeBackend;
import io.nubo.blockstorage.backend.VolumeBackends;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The block storage service's beans that are not components: the backends, the work executor, the clock. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BlockStorageProperties.class)
public class BlockStorageConfiguration {

    /** The backends, each checked now: a wrong Ceph conf or an absent tgtd stops the service with a clear message. */
    @Bean(destroyMethod = "close")
    VolumeBackends volumeBackends(BlockStorageProperties p,
                                  @Value("${nubo.data-dir:${user.home}/.nubo/data}") String dataDir) throws IOException {
        Path root = Path.of(dataDir, "blockstorage");
        List<VolumeBackend> backends = new ArrayList<>();
        if (p.file().enabled()) {
            backends.add(new FileVolumeBackend(dir(p.file().directory(), root.resolve("file")), p.file().format()));
        }
        if (p.iscsi().enabled()) {
            try {
                backends.add(new IscsiVolumeBackend(dir(p.iscsi().directory(), root.resolve("iscsi")),
                        p.iscsi().portal(), p.iscsi().controlPort(), p.iscsi().iqnPrefix()));
            } catch (IOException e) {
                throw new IllegalStateException("nubo.block-storage.iscsi.enabled is true but tgtd does not answer on"
                        + " control port " + p.iscsi().controlPort() + " (scripts/iscsi-target.sh start): " + e.getMessage(), e);
            }
        }
        if (p.rbd().enabled()) {
            if (p.rbd().conf().isBlank() || !Files.isReadable(Path.of(p.rbd().conf()))) {
                throw new IllegalStateException("nubo.block-storage.rbd.enabled is true but nubo.block-storage.rbd.conf ("
                        + p.rbd().conf() + ") is not a readable ceph.conf");
            }
            backends.add(new RbdVolumeBackend(p.rbd().conf(), p.rbd().user(), p.rbd().pool(), p.rbd().secretUuid(),
                    p.rbd().keyringConf(), p.rbd().chunkSize(), root.resolve("rbd-tmp")));
        }
        return new VolumeBackends(backends, p.defaultBackend());
    }

    private static Path dir(String configured, Path fallback) {
        return configured.isBlank() ? fallback : Path.of(configured);
    }

    /** Backend work (qemu-img, librbd, tgtadm, image downloads) runs here, never on a request thread. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService volumeWorkExecutor() {
        return Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "volume-work");
            t.setDaemon(true);
            return t;
        });
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The backup driver, only with {@code nubo.block-storage.backup.enabled}: then the service user's password and
     * identity URL are required, and the service refuses to start without them.
     */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "nubo.block-storage.backup.enabled",
            havingValue = "true")
    io.nubo.blockstorage.volume.backup.BackupWork backupWork(BlockStorageProperties properties,
            VolumeBackends backends, io.nubo.blockstorage.volume.VolumeRepository volumes,
            io.nubo.blockstorage.volume.VolumeLifecycle volumeLifecycle,
            io.nubo.blockstorage.volume.backup.BackupLifecycle lifecycle,
            io.nubo.blockstorage.volume.backup.BackupRepository backups,
            @org.springframework.beans.factory.annotation.Qualifier("volumeWorkExecutor") ExecutorService executor,
            org.springframework.transaction.support.TransactionTemplate tx, Clock clock) {
        BlockStorageProperties.Backup b = properties.backup();
        if (b.identityUrl().isBlank() || b.password().isBlank()) {
            throw new IllegalStateException("nubo.block-storage.backup.enabled is true but"
                    + " nubo.block-storage.backup.identity-url or .password is not set");
        }
        if (b.chunkSize() < 65536) {
            throw new IllegalStateException("nubo.block-storage.backup.chunk-size must be at least 65536 bytes");
        }
        return new io.nubo.blockstorage.volume.backup.BackupWork(
                new io.nubo.blockstorage.volume.backup.SwiftBackupStore(b), backends, volumes, volumeLifecycle,
                lifecycle, backups, executor, tx, clock);
    }
}
