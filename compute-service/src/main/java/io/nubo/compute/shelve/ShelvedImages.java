package io.nubo.compute.shelve;

import io.nubo.compute.error.ComputeError;
import io.nubo.compute.image.ImageClient;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.InstanceStore;
import io.nubo.compute.wire.Caller;
import io.nubo.shared.events.compute.ImageSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A shelved instance's image: where Nova keeps it (system metadata {@code shelved_image_id}, {@code shelved_at},
 * {@code shelved_host}), and its deletion once the unshelved guest runs (or the shelve failed). The image is the
 * user's, and only its owner or an admin may delete it (the agent's service role may not), so the caller who asked is
 * held in memory from the request until its report arrives (Nova's compute manager deletes it with the request's
 * context); an API restarted in between, or another API instance that applies the report, cannot delete it and says
 * so in the log, leaving the image to its owner.
 */
@Component
class ShelvedImages {

    static final String IMAGE_ID = InstanceStore.SHELVED_IMAGE_ID;
    static final String AT = "shelved_at";
    static final String HOST = "shelved_host";
    private static final Logger log = LoggerFactory.getLogger(ShelvedImages.class);
    private static final Duration HOLD = Duration.ofHours(2);

    private record Held(Caller caller, Instant until) {
    }

    private final InstanceStore instances;
    private final ImageClient images;
    private final Clock clock;
    private final Map<String, Held> callers = new ConcurrentHashMap<>();

    ShelvedImages(InstanceStore instances, ImageClient images, Clock clock) {
        this.instances = instances;
        this.images = images;
        this.clock = clock;
    }

    /** Records the shelve (and its image: none for a volume-backed server) in the system metadata, as Nova does. */
    void record(Instance i, String imageId) {
        Map<String, String> items = new java.util.HashMap<>(Map.of(AT, clock.instant().toString(), HOST, i.host()));
        if (imageId != null) {
            items.put(IMAGE_ID, imageId);
        }
        instances.putSystemMetadata(i.id(), items);
    }

    Optional<String> imageOf(String instanceId) {
        return Optional.ofNullable(instances.systemMetadata(instanceId).get(IMAGE_ID));
    }

    /** The shelved image as the caller sees it (Nova's 400 when it is gone); 409 when the shelve recorded none. */
    ImageSpec image(Caller caller, String instanceId) {
        String id = imageOf(instanceId).orElseThrow(() -> ComputeError.CONFLICT.exception("Instance " + instanceId
                + " has no shelved image to unshelve from."));
        return images.find(caller, id);
    }

    /** The shelve is over (unshelved, or failed): its system metadata goes, and the caller held for it. */
    void forget(String instanceId, String actionId) {
        instances.deleteSystemMetadata(instanceId, List.of(IMAGE_ID, AT, HOST));
        release(actionId);
    }

    /** The caller held for {@code actionId} is needed no more. */
    void release(String actionId) {
        callers.remove(actionId);
    }

    /** Keeps {@code caller} until the report of {@code actionId}, which deletes the image with the caller's token. */
    void hold(String actionId, Caller caller) {
        Instant now = clock.instant();
        callers.values().removeIf(h -> h.until().isBefore(now));
        callers.put(actionId, new Held(caller, now.plus(HOLD)));
    }

    /** Deletes the image with the caller held for {@code actionId} (quietly: a failure is logged). */
    void deleteHeld(String actionId, String instanceId, String imageId) {
        Held held = callers.remove(actionId);
        if (held == null) {
            log.warn("Instance {}: the shelved image {} is left in the image service (the request that would delete"
                    + " it is no longer held by this API instance)", instanceId, imageId);
            return;
        }
        images.deleteQuietly(held.caller(), imageId);
    }
}
