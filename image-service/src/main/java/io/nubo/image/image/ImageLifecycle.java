package io.nubo.image.image;

import io.nubo.image.web.ImageError;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies {@link ImageTransition}s as compare-and-swap updates: each is one short transaction that succeeds only
 * if the image is still in one of the transition's source statuses. Long work (streaming bytes) happens between
 * two such transactions, never inside one.
 */
@Component
public class ImageLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ImageLifecycle.class);
    /** The statuses in which an instance is moving an image's bytes (an upload or an import). */
    static final Set<ImageStatus> WORKING = EnumSet.copyOf(ImageTransition.REQUEUE_INTERRUPTED.from());
    /** How long a lease on in-flight work lasts; the instance doing the work renews it every {@link #RENEW_MS}. */
    static final Duration LEASE = Duration.ofSeconds(60);
    static final long RENEW_MS = 10_000;

    private final ImageRepository images;
    private final Clock clock;
    /** The images this instance is uploading or importing now: it holds their leases. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /** Who holds the leases this instance takes: the same after a restart on the same host and port. */
    private final String self;
    /** A lease of {@link #self} that ends before this is from before this start: that work died with the process. */
    private final Instant takenBefore;

    public ImageLifecycle(ImageRepository images, Clock clock, @Value("${nubo.image.instance-id:}") String instanceId,
                          @Value("${server.port:0}") int port) {
        this.images = images;
        this.clock = clock;
        this.self = instanceId.isBlank() ? defaultInstanceId(port) : instanceId;
        this.takenBefore = clock.instant().plus(LEASE);
    }

    /**
     * The host name and the port: what stays the same when the process (or its container, in the same pod) starts
     * again. With a random port (0) an identity of its own, which no later start takes for its own.
     */
    static String defaultInstanceId(int port) {
        if (port == 0) {
            return "random-" + UUID.randomUUID();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + port;
    }

    /** Applies the transition or throws 409 naming the status the image is really in (404 if it is gone). */
    @Transactional
    public void apply(String imageId, ImageTransition t) {
        if (swap(imageId, t)) {
            return;
        }
        ImageEntity now = images.findLive(imageId).orElseThrow(() -> ImageError.IMAGE_NOT_FOUND.exception(imageId));
        throw ImageError.BAD_STATUS.exception(now.getStatus().wire(), t.to().wire());
    }

    /** Applies the transition if the image is still where it started; says whether it did. Never throws for state. */
    @Transactional
    public boolean tryApply(String imageId, ImageTransition t) {
        return swap(imageId, t);
    }

    /** The compare-and-swap; a move into uploading or importing takes this instance's lease on the work. */
    private boolean swap(String imageId, ImageTransition t) {
        Instant now = clock.instant();
        if (WORKING.contains(t.to())) {
            boolean swapped = images.swapStatusLeased(imageId, t.from(), t.to(), now, now.plus(LEASE), self) == 1;
            if (swapped) {
                inFlight.add(imageId);
            }
            return swapped;
        }
        if (t.from().stream().anyMatch(WORKING::contains)) {
            inFlight.remove(imageId);
        }
        return images.swapStatus(imageId, t.from(), t.to(), now) == 1;
    }

    /**
     * Finishes an upload or import: the data and its digests become the image's, and it turns active, only if it is
     * still in the transition's source status (it may have been deleted meanwhile).
     */
    @Transactional
    public boolean finish(String imageId, ImageTransition t, StoredData data) {
        ImageStatus from = t.from().iterator().next();
        inFlight.remove(imageId);
        return images.swapToStored(imageId, from, t.to(), data.size(), data.virtualSize(), data.md5(),
                StoredData.HASH_ALGO, data.sha512(), data.store(), data.location(), clock.instant()) == 1;
    }

    /** A queued image becomes active with its data at an external location ({@link ImageTransition#SET_LOCATION}). */
    @Transactional
    public boolean locate(String imageId, String store, String location, long size, String checksum, String algo,
                          String hash) {
        ImageTransition t = ImageTransition.SET_LOCATION;
        return images.swapToStored(imageId, t.from().iterator().next(), t.to(), size, null, checksum, algo, hash,
                store, location, clock.instant()) == 1;
    }

    @Transactional
    public boolean recordStaged(String imageId, String location, long size) {
        return images.recordStaged(imageId, location, size, clock.instant()) == 1;
    }

    @Transactional
    public boolean markDeleted(String imageId) {
        inFlight.remove(imageId);
        return images.markDeleted(imageId, ImageTransition.DELETE.from(), clock.instant()) == 1;
    }

    /** Renews this instance's leases on the uploads and imports it is doing, and forgets those that ended. */
    @Scheduled(fixedDelay = RENEW_MS, initialDelay = RENEW_MS)
    @Transactional
    public void renewLeases() {
        if (inFlight.isEmpty()) {
            return;
        }
        List<String> ids = List.copyOf(inFlight);
        images.renewLeases(ids, WORKING, clock.instant().plus(LEASE));
        List<String> working = images.stillWorking(ids, WORKING);
        ids.stream().filter(id -> !working.contains(id)).forEach(inFlight::remove);
    }

    /**
     * No upload survives a restart of the instance that received it (the client uploads again), so images left
     * saving or importing go back to {@code queued}: at start and every half minute after, those whose lease has
     * run out, and at once those this instance itself held before it started again (same host and port, a lease
     * taken before this start: kill -9 and restart). Several instances share one database safely: an instance
     * renews the leases of the work it is doing, so no instance queues another's live upload again; only the work
     * of an instance that died is.
     */
    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(fixedDelay = 30_000, initialDelay = 30_000)
    @Transactional
    public void requeueInterruptedUploads() {
        Instant now = clock.instant();
        int n = images.requeueStuck(ImageTransition.REQUEUE_INTERRUPTED.from(), now, self, takenBefore);
        if (n > 0) {
            log.warn("{} image(s) were saving or importing on an instance that stopped; they are queued again", n);
        }
    }

    /** Bytes that reached a store: where, how many, and their digests. */
    public record StoredData(String store, String location, long size, String md5, String sha512, Long virtualSize) {
        public static final String HASH_ALGO = "sha512";
    }
}
