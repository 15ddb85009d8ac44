package io.nubo.compute.server;

import io.nubo.shared.events.InstanceCreated;
import io.nubo.shared.events.InstanceDeleted;
import io.nubo.shared.events.InstanceStarted;
import io.nubo.shared.events.InstanceStopped;
import io.nubo.shared.outbox.EventPublisher;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Publishes instance lifecycle events (Topics.COMPUTE) through the outbox, in the caller's transaction. */
@Component
class LifecycleEvents {

    private final EventPublisher publisher;

    LifecycleEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    void created(Instance i, Instant at) {
        publisher.publish(new InstanceCreated(i.id(), i.projectId(), i.userId(), i.displayName(), i.host(),
                i.availabilityZone(), i.flavor(), i.imageId(), at, at), i.id(), i.projectId());
    }

    void started(Instance i, Instant at) {
        publisher.publish(new InstanceStarted(i.id(), i.projectId(), i.userId(), i.displayName(), i.host(),
                i.availabilityZone(), i.flavor(), i.imageId(), i.launchedAt(), at), i.id(), i.projectId());
    }

    void stopped(Instance i, Instant at) {
        publisher.publish(new InstanceStopped(i.id(), i.projectId(), i.userId(), i.displayName(), i.host(),
                i.availabilityZone(), i.flavor(), i.imageId(), i.launchedAt(), at), i.id(), i.projectId());
    }

    void deleted(Instance i, Instant at) {
        publisher.publish(new InstanceDeleted(i.id(), i.projectId(), i.userId(), i.displayName(), i.host(),
                i.availabilityZone(), i.flavor(), i.imageId(), i.launchedAt(), at), i.id(), i.projectId());
    }
}
