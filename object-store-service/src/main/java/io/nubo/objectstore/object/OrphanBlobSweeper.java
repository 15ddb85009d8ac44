package io.nubo.objectstore.object;

import io.nubo.objectstore.storage.BlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes the blobs no object names: what a crash leaves in the milliseconds between a blob's rename into place and
 * the commit of its row, or between a replace's or a delete's commit and the removal of the old blob. Only blobs last
 * written more than {@link #GRACE} ago are candidates, so a write whose row is about to commit is never touched.
 * A minute after start, then every {@code nubo.object-store.orphan-sweep-interval} seconds (6 h).
 */
@Component
public class OrphanBlobSweeper {

    private static final Logger log = LoggerFactory.getLogger(OrphanBlobSweeper.class);
    public static final Duration GRACE = Duration.ofHours(1);
    private static final int BATCH = 500;

    private final ObjectRepository objects;
    private final BlobStore blobs;

    public OrphanBlobSweeper(ObjectRepository objects, BlobStore blobs) {
        this.objects = objects;
        this.blobs = blobs;
    }

    @Scheduled(initialDelay = 60, fixedDelayString = "${nubo.object-store.orphan-sweep-interval:21600}",
            timeUnit = java.util.concurrent.TimeUnit.SECONDS)
    public void scheduled() {
        try {
            sweep(Instant.now().minus(GRACE));
        } catch (IOException | RuntimeException e) {
            log.warn("Sweep of blobs no object names failed, the next one retries: {}", e.toString());
        }
    }

    /** Removes the blobs written before {@code writtenBefore} that no object names; says how many. */
    public int sweep(Instant writtenBefore) throws IOException {
        List<String> batch = new ArrayList<>();
        int[] removed = {0};
        blobs.forEachBlobWrittenBefore(writtenBefore, key -> {
            batch.add(key);
            if (batch.size() == BATCH) {
                removed[0] += removeUnnamed(batch);
                batch.clear();
            }
        });
        removed[0] += removeUnnamed(batch);
        if (removed[0] > 0) {
            log.warn("Removed {} blob(s) that no object names (left by a stop between a write and its commit)",
                    removed[0]);
        }
        return removed[0];
    }

    private int removeUnnamed(List<String> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        Set<String> named = new HashSet<>(objects.namedBlobs(keys));
        int n = 0;
        for (String key : keys) {
            if (!named.contains(key)) {
                try {
                    blobs.delete(key);
                    n++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return n;
    }
}
