package io.nubo.compute.shelve;

import io.nubo.compute.image.ImageClient;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.InstanceStore;
import io.nubo.compute.wire.Caller;
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

    /** Records the shelve's image in the instance's system metadata, as Nova's manager does. */
    void record(Instance i, String imageId) {
        instances.putSystemMetadata(i.id(), Map.of(IMAGE_ID, imageId, AT, clock.instant().toString(), HOST,
                i.host()));
    }

    Optional<String> imageOf(String instanceId) {
        return Optional.ofNullable(instances.systemMetadata(instanceId).get(IMAGE_ID));
    }

    /** The shelve is over (unshelved, or failed): its system metadata goes. */
    void forget(String instanceId) {
        instances.deleteSystemMetadata(instanceId, List.of(IMAGE_ID, AT, HOST));
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
