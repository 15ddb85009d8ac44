package io.nubo.objectstore.object;

import io.nubo.objectstore.account.Usage;
import io.nubo.objectstore.account.UsageEvents;
import io.nubo.objectstore.container.ContainerEntity;
import io.nubo.objectstore.error.SwiftError;
import io.nubo.objectstore.metadata.MetadataMap;
import io.nubo.objectstore.storage.BlobStore;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Object rows: one transaction per change, the usage event in it, and the replaced blob removed only after the
 * commit (a rolled-back write keeps the old bytes).
 */
@Service
public class ObjectCatalog {

    private static final Logger log = LoggerFactory.getLogger(ObjectCatalog.class);
    /** How often a write is tried when concurrent writes of the same object keep winning the race. */
    static final int WRITE_ATTEMPTS = 5;

    private final ObjectRepository objects;
    private final BlobStore blobs;
    private final UsageEvents events;

    private final org.springframework.transaction.support.TransactionTemplate tx;

    public ObjectCatalog(ObjectRepository objects, BlobStore blobs, UsageEvents events,
                         org.springframework.transaction.PlatformTransactionManager txManager) {
        this.objects = objects;
        this.blobs = blobs;
        this.events = events;
        this.tx = new org.springframework.transaction.support.TransactionTemplate(txManager);
    }

    /** The object unless it is missing or expired. */
    @Transactional(readOnly = true)
    public Optional<ObjectEntity> find(String containerId, String name) {
        long now = Instant.now().getEpochSecond();
        return objects.findByContainerIdAndName(containerId, name).filter(o -> !o.expired(now));
    }

    public ObjectEntity existing(String containerId, String name) {
        return find(containerId, name).orElseThrow(SwiftError.OS_001_NOT_FOUND::error);
    }

    /** Object count and bytes of a container. */
    @Transactional(readOnly = true)
    public Usage containerUsage(String containerId) {
        return Usage.of(objects.usageOfContainer(containerId));
    }

    /** Object count and bytes of an account. */
    @Transactional(readOnly = true)
    public Usage accountUsage(String account) {
        return Usage.of(objects.usageOfAccount(account));
    }

    /** Whether the container holds any object row (expired ones not yet swept included). */
    @Transactional(readOnly = true)
    public boolean holdsObjects(String containerId) {
        return objects.existsByContainerId(containerId);
    }

    /** Creates or replaces an object (two first writers of one name race: the loser's caller retries). */
    @Transactional
    public ObjectEntity put(ContainerEntity container, String name, ObjectVersion v) {
        Optional<ObjectEntity> found = objects.lockByContainerIdAndName(container.getId(), name);
        ObjectEntity o;
        long bytesDelta = v.size();
        long objectsDelta = 1;
        if (found.isPresent()) {
            o = found.get();
            bytesDelta -= o.getSizeBytes();
            objectsDelta = 0;
            deleteBlobAfterCommit(o.getBlobKey());
        } else {
            o = new ObjectEntity(UUID.randomUUID().toString(), container.getId(), name);
        }
        apply(o, v);
        objects.saveAndFlush(o);
        events.publish(container.getAccount(), container.getName(), name,
                objectsDelta == 1 ? "object.created" : "object.replaced", bytesDelta, objectsDelta);
        return o;
    }

    /**
     * Changes what a metadata POST may change on the object as it is now: the row is read locked and written in one
     * transaction, so a concurrent replacement waits, and never has its blob key written back by a POST that read
     * the row before it ({@code row_version} refuses such a write should a path ever skip the lock).
     */
    public ObjectEntity update(String containerId, String name, java.util.function.Consumer<ObjectEntity> change) {
        return retryingConflicts(() -> tx.execute(status -> {
            long now = Instant.now().getEpochSecond();
            ObjectEntity o = objects.lockByContainerIdAndName(containerId, name).filter(x -> !x.expired(now))
                    .orElseThrow(SwiftError.OS_001_NOT_FOUND::error);
            change.accept(o);
            return objects.saveAndFlush(o);
        }));
    }

    /** Deletes an object; false when there was none (or it had expired). */
    public boolean delete(ContainerEntity container, String name) {
        String containerId = container.getId();
        String account = container.getAccount();
        String containerName = container.getName();
        return retryingConflicts(() -> tx.execute(status -> deleteOnce(containerId, account, containerName, name)));
    }

    /**
     * Runs a write of one object again when a concurrent write of the same name won the race (a first insert of the
     * name, or a row changed since it was read), up to {@link #WRITE_ATTEMPTS} times: the last write wins.
     */
    static <T> T retryingConflicts(java.util.function.Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (org.springframework.dao.DataIntegrityViolationException
                     | org.springframework.dao.OptimisticLockingFailureException e) {
                if (attempt >= WRITE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private boolean deleteOnce(String containerId, String account, String containerName, String name) {
        Optional<ObjectEntity> found = objects.lockByContainerIdAndName(containerId, name);
        if (found.isEmpty()) {
            return false;
        }
        ObjectEntity o = found.get();
        boolean expired = o.expired(Instant.now().getEpochSecond());
        objects.delete(o);
        deleteBlobAfterCommit(o.getBlobKey());
        events.publish(account, containerName, name, expired ? "object.expired" : "object.deleted",
                -o.getSizeBytes(), -1);
        return !expired;
    }

    @Transactional(readOnly = true)
    public List<ObjectEntity> page(String containerId, String from, boolean reverse, int limit) {
        return reverse
                ? objects.findByContainerIdAndNameLessThanOrderByNameDesc(containerId, from == null ? "\uffff" : from,
                Limit.of(limit))
                : objects.findByContainerIdAndNameGreaterThanOrderByNameAsc(containerId, from == null ? "" : from,
                Limit.of(limit));
    }

    /** {@link #page} for a container listing: only the columns it shows. */
    @Transactional(readOnly = true)
    public List<ListingRow> listingPage(String containerId, String from, boolean reverse, int limit) {
        return reverse
                ? objects.listingBefore(containerId, from == null ? "\uffff" : from, Limit.of(limit))
                : objects.listingAfter(containerId, from == null ? "" : from, Limit.of(limit));
    }

    /** Removes a container's expired objects now (before the container itself is deleted). */
    @Transactional
    public void purgeExpired(ContainerEntity container) {
        for (ObjectEntity o : objects.findByContainerIdAndDeleteAtLessThanEqual(container.getId(),
                Instant.now().getEpochSecond())) {
            delete(container, o.getName());
        }
    }

    @Transactional(readOnly = true)
    public List<ObjectEntity> expired(int limit) {
        return objects.findByDeleteAtLessThanEqual(Instant.now().getEpochSecond(), Limit.of(limit));
    }

    private static void apply(ObjectEntity o, ObjectVersion v) {
        o.setBlobKey(v.blobKey());
        o.setSizeBytes(v.size());
        o.setEtag(v.etag());
        o.setContentType(v.contentType());
        o.setModifiedAt(v.modifiedAt());
        o.setDeleteAt(v.deleteAt());
        o.setKind(v.kind());
        o.setManifest(v.manifest());
        o.setMetadata(MetadataMap.write(v.metadata()));
    }

    private void deleteBlobAfterCommit(String key) {
        if (key == null) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            deleteQuietly(key);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                deleteQuietly(key);
            }
        });
    }

    /** Removes a blob no row points at any more (a failed write's, or a replaced version's). */
    public void deleteQuietly(String key) {
        try {
            blobs.delete(key);
        } catch (IOException e) {
            log.warn("Could not remove blob {}: {}", key, e.toString());
        }
    }

    public static Map<String, String> metadataOf(ObjectEntity o) {
        return MetadataMap.parse(o.getMetadata());
    }
}
