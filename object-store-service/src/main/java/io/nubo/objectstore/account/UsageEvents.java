package io.nubo.objectstore.account;

import io.nubo.shared.events.ObjectStorageUsageChanged;
import io.nubo.shared.outbox.EventPublisher;
import org.springframework.stereotype.Component;

/** Publishes usage changes through the outbox, inside the transaction that makes the change. */
@Component
public class UsageEvents {

    private final EventPublisher publisher;

    public UsageEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    public void publish(String account, String container, String object, String change, long bytesDelta,
                        long objectsDelta) {
        String project = account.startsWith("AUTH_") ? account.substring(5) : null;
        publisher.publish(new ObjectStorageUsageChanged(project, account, container, object, change, bytesDelta,
                objectsDelta), account, project);
    }
}
