package io.nubo.blockstorage.volume.backup;

import io.nubo.blockstorage.backend.DiskFormat;
import io.nubo.blockstorage.backend.VolumeBackend;
import io.nubo.blockstorage.backend.VolumeBackends;
import io.nubo.blockstorage.volume.VolumeEntity;
import io.nubo.blockstorage.volume.VolumeLifecycle;
import io.nubo.blockstorage.volume.VolumeRepository;
import io.nubo.blockstorage.volume.VolumeStatus;
import io.nubo.blockstorage.volume.VolumeTransition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The backup driver's work, on the volume work executor, after the request's transaction: Cinder's swift driver
 * layout ({@code volume_<vol>/<time>/az_<zone>_backup_<id>-00001}, ..., and {@code ..._metadata} listing each chunk
 * with offset, length, md5 and compression). Chunks are zlib-compressed; an all-zero chunk is recorded in the
 * metadata and not stored, so an empty 1 GiB volume costs one small object. Each task ends in its success or failure
 * transition, for the backup and for the volume.
 */
public class BackupWork {

    private static final Logger log = LoggerFactory.getLogger(BackupWork.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SwiftBackupStore store;
    private final VolumeBackends backends;
    private final VolumeRepository volumes;
    private final VolumeLifecycle volumeLifecycle;
    private final BackupLifecycle lifecycle;
    private final BackupRepository backups;
    private final ExecutorService executor;
    private final org.springframework.transaction.support.TransactionTemplate tx;
    private final Clock clock;

    public BackupWork(SwiftBackupStore store, VolumeBackends backends, VolumeRepository volumes,
                      VolumeLifecycle volumeLifecycle, BackupLifecycle lifecycle, BackupRepository backups,
                      ExecutorService executor, org.springframework.transaction.support.TransactionTemplate tx,
                      Clock clock) {
        this.store = store;
        this.backends = backends;
        this.volumes = volumes;
        this.volumeLifecycle = volumeLifecycle;
        this.lifecycle = lifecycle;
        this.backups = backups;
        this.executor = executor;
        this.tx = tx;
        this.clock = clock;
    }

    public String container() {
        return store.container();
    }

    /** Copies the volume's bytes; {@code endVolume}: the volume was made backing-up and goes back to available. */
    public void create(BackupEntity b, VolumeEntity v, boolean endVolume) {
        executor.execute(() -> {
            boolean done = false;
            try {
                store.ensureContainer(b.getContainer());
                List<Map<String, Object>> objects = new ArrayList<>();
                int stored = 0;
                VolumeBackend backend = backends.get(v.getBackend());
                try (InputStream in = backend.copyVolumeToImage(v.getId())) {
                    byte[] chunk = new byte[store.chunkSize()];
                    long offset = 0;
                    for (int n = 1; ; n++) {
                        int len = in.readNBytes(chunk, 0, chunk.length);
                        if (len == 0) {
                            break;
                        }
                        String name = b.getObjectPrefix() + String.format("-%05d", n);
                        Map<String, Object> o = new LinkedHashMap<>();
                        o.put("offset", offset);
                        o.put("length", len);
                        if (allZero(chunk, len)) {
                            o.put("zero", true);
                        } else {
                            store.put(b.getContainer(), name, deflate(chunk, len));
                            o.put("compression", "zlib");
                            o.put("md5", md5(chunk, len));
                            stored++;
                        }
                        objects.add(Map.of(name, o));
                        offset += len;
                    }
                }
                Map<String, Object> meta = new LinkedHashMap<>();
                meta.put("version", "1.0.0");
                meta.put("backup_id", b.getId());
                meta.put("volume_id", v.getId());
                meta.put("backup_name", b.getName());
                meta.put("backup_description", b.getDescription());
                meta.put("created_at", b.getCreatedAt().toString());
                meta.put("objects", objects);
                // Cinder's driver keeps the volume's metadata with the backup and gives it to the restored volume
                Map<String, Object> volumeMeta = new LinkedHashMap<>();
                volumeMeta.put("metadata", new java.util.TreeMap<>(v.getMetadata()));
                volumeMeta.put("image_metadata", new java.util.TreeMap<>(v.getImageMetadata()));
                volumeMeta.put("bootable", v.isBootable());
                meta.put("volume_meta", volumeMeta);
                store.put(b.getContainer(), b.getObjectPrefix() + "_metadata", JSON.writeValueAsBytes(meta));
                backups.created(b.getId(), stored + 1, clock.instant());
                done = true;
            } catch (IOException | RuntimeException e) {
                log.warn("backup {} of volume {} failed: {}", b.getId(), v.getId(), e.toString());
            } finally {
                // also after an Error (out of memory): nothing may stay creating
                if (!done) {
                    lifecycle.fail(b.getId(), BackupTransition.CREATE_FAILED, "the copy to the object store failed");
                }
                if (endVolume) {
                    volumeLifecycle.tryApply(v.getId(), VolumeTransition.BACKUP_ENDED);
                }
            }
        });
    }

    /**
     * Writes the backup over the target volume (restoring-backup), once the target is available: a new volume is
     * still being made when the restore is accepted, so the task waits for it (up to 10 minutes).
     */
    public void restore(BackupEntity b, String volumeId) {
        executor.execute(() -> {
            boolean began = false;
            boolean done = false;
            try {
                began = awaitAndBegin(volumeId);
                if (!began) {
                    throw new IOException("volume " + volumeId + " did not become available for the restore");
                }
                VolumeEntity v = volumes.findLive(volumeId).orElseThrow();
                JsonNode meta = JSON.readTree(store.get(b.getContainer(), b.getObjectPrefix() + "_metadata"));
                List<InputStream> parts = new ArrayList<>();
                for (JsonNode entry : meta.get("objects")) {
                    String name = entry.propertyNames().iterator().next();
                    parts.add(new ChunkStream(name, entry.get(name), b.getContainer()));
                }
                try (InputStream all = new SequenceInputStream(Collections.enumeration(parts))) {
                    backends.get(v.getBackend()).copyImageToVolume(volumeId, all, DiskFormat.RAW);
                }
                JsonNode volumeMeta = meta.path("volume_meta");
                if (volumeMeta.isObject()) {
                    tx.executeWithoutResult(st -> volumes.findLive(volumeId).ifPresent(target -> {
                        volumeMeta.path("metadata").properties().forEach(e -> target.getMetadata()
                                .put(e.getKey(), e.getValue().asString()));
                        volumeMeta.path("image_metadata").properties().forEach(e -> target.getImageMetadata()
                                .put(e.getKey(), e.getValue().asString()));
                        if (volumeMeta.path("bootable").asBoolean(false)) {
                            target.setBootable(true);
                        }
                    }));
                }
                done = volumeLifecycle.tryApply(volumeId, VolumeTransition.RESTORED);
            } catch (IOException | RuntimeException e) {
                log.warn("restoring backup {} to volume {} failed: {}", b.getId(), volumeId, e.toString());
            } finally {
                // also after an Error (out of memory): the volume may not stay restoring-backup
                if (began && !done) {
                    volumeLifecycle.fail(volumeId, VolumeTransition.RESTORE_FAILED, "the restore did not complete");
                }
                lifecycle.tryApply(b.getId(), BackupTransition.RESTORE_ENDED);
            }
        });
    }

    private boolean awaitAndBegin(String volumeId) {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (volumeLifecycle.tryApply(volumeId, VolumeTransition.BEGIN_RESTORE)) {
                return true;
            }
            VolumeStatus s = volumes.findLive(volumeId).map(VolumeEntity::getStatus).orElse(null);
            if (s == null || (s != VolumeStatus.CREATING && s != VolumeStatus.DOWNLOADING)) {
                return false;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Deletes the chunks listed in the metadata object, then the metadata, then the record. */
    public void delete(BackupEntity b) {
        executor.execute(() -> {
            boolean done = false;
            try {
                byte[] raw = null;
                try {
                    raw = store.get(b.getContainer(), b.getObjectPrefix() + "_metadata");
                } catch (IOException missing) {
                    // a backup that failed before its metadata was written: only its chunks may exist
                    log.info("backup {} has no metadata object: {}", b.getId(), missing.getMessage());
                }
                if (raw != null) {
                    for (JsonNode entry : JSON.readTree(raw).get("objects")) {
                        String name = entry.propertyNames().iterator().next();
                        if (!entry.get(name).path("zero").asBoolean(false)) {
                            store.delete(b.getContainer(), name);
                        }
                    }
                }
                store.delete(b.getContainer(), b.getObjectPrefix() + "_metadata");
                done = lifecycle.tryApply(b.getId(), BackupTransition.DELETED);
            } catch (IOException | RuntimeException e) {
                log.warn("deleting backup {} failed: {}", b.getId(), e.toString());
            } finally {
                if (!done) {
                    lifecycle.fail(b.getId(), BackupTransition.DELETE_FAILED, "deleting the backup's objects failed");
                }
            }
        });
    }

    /** One chunk, fetched and inflated when first read (zeros for a zero chunk). */
    private final class ChunkStream extends InputStream {
        private final String name;
        private final JsonNode info;
        private final String container;
        private InputStream data;

        ChunkStream(String name, JsonNode info, String container) {
            this.name = name;
            this.info = info;
            this.container = container;
        }

        private InputStream data() throws IOException {
            if (data == null) {
                int length = info.get("length").asInt();
                if (info.path("zero").asBoolean(false)) {
                    data = new java.io.ByteArrayInputStream(new byte[length]);
                } else {
                    byte[] plain = inflate(store.get(container, name), length);
                    if (info.has("md5") && !info.get("md5").asString().equals(md5(plain, plain.length))) {
                        throw new IOException("chunk " + name + " does not match its md5");
                    }
                    data = new java.io.ByteArrayInputStream(plain);
                }
            }
            return data;
        }

        @Override
        public int read() throws IOException {
            return data().read();
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            return data().read(buf, off, len);
        }

        /** SequenceInputStream closes each chunk when it is done: its bytes go then, so one chunk is held at a time. */
        @Override
        public void close() {
            data = EMPTY;
        }
    }

    private static final InputStream EMPTY = InputStream.nullInputStream();

    static boolean allZero(byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    static byte[] deflate(byte[] b, int len) {
        Deflater d = new Deflater(Deflater.BEST_SPEED);
        try {
            d.setInput(b, 0, len);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, len / 4));
            byte[] buf = new byte[65536];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    static byte[] inflate(byte[] b, int length) throws IOException {
        Inflater i = new Inflater();
        try {
            i.setInput(b);
            byte[] out = new byte[length];
            int n = 0;
            while (n < length && !i.finished()) {
                int k = i.inflate(out, n, length - n);
                if (k == 0 && (i.needsInput() || i.needsDictionary())) {
                    break;
                }
                n += k;
            }
            if (n != length) {
                throw new IOException("a backup chunk inflated to " + n + " bytes, not " + length);
            }
            return out;
        } catch (DataFormatException e) {
            throw new IOException("a backup chunk is not zlib data", e);
        } finally {
            i.end();
        }
    }

    static String md5(byte[] b, int len) {
        try {
            MessageDigest d = MessageDigest.getInstance("MD5");
            d.update(b, 0, len);
            return HexFormat.of().formatHex(d.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
