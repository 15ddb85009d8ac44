package io.nubo.objectstore.feature;

import io.nubo.objectstore.container.ContainerEntity;
import io.nubo.objectstore.container.ContainerRepository;
import io.nubo.objectstore.object.ObjectCatalog;
import io.nubo.objectstore.object.ObjectEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Swift's object expirer: objects past their {@code X-Delete-At} are already invisible to readers; this removes
 * their rows and bytes (with a usage event) every {@code nubo.object-store.expiry-interval} seconds.
 */
@Component
public class ExpirySweeper {

    private static final Logger log = LoggerFactory.getLogger(ExpirySweeper.class);

    private final ObjectCatalog catalog;
    private final ContainerRepository containers;

    public ExpirySweeper(ObjectCatalog catalog, ContainerRepository containers) {
        this.catalog = catalog;
        this.containers = containers;
    }

    @Scheduled(fixedDelayString = "${nubo.object-store.expiry-interval:10}", timeUnit = java.util.concurrent.TimeUnit.SECONDS)
    public void sweep() {
        try {
            for (ObjectEntity o : catalog.expired(500)) {
                ContainerEntity c = containers.findById(o.getContainerId()).orElse(null);
                if (c != null) {
                    catalog.delete(c, o.getName());
                }
            }
        } catch (RuntimeException e) {
            log.warn("Expiry sweep failed, next one retries: {}", e.toString());
        }
    }
}
