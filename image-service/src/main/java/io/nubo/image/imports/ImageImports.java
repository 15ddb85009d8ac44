package io.nubo.image.imports;

import io.nubo.image.data.ImageDataWriter;
import io.nubo.image.image.ImageAccess;
import io.nubo.image.image.ImageEntity;
import io.nubo.image.image.ImageEvents;
import io.nubo.image.image.ImageLifecycle;
import io.nubo.image.image.ImageLocations;
import io.nubo.image.image.ImageLifecycle.StoredData;
import io.nubo.image.image.ImageRepository;
import io.nubo.image.image.ImageStatus;
import io.nubo.image.image.ImageTransition;
import io.nubo.image.quota.ImageQuotas;
import io.nubo.image.store.ImageStore;
import io.nubo.image.store.ImageStores;
import io.nubo.image.web.Caller;
import io.nubo.image.web.ImageError;
import io.nubo.shared.web.RequestIds;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import io.nubo.shared.outbound.GuardedHttpClient;
import io.nubo.shared.outbound.OutboundUrlGuard;
import io.nubo.shared.outbound.OutboundUrlRefused;
import java.util.Map;
import org.apache.hc.core5.util.Timeout;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Interoperable image import: {@code glance-direct} moves staged data into the default store, {@code web-download}
 * fetches an allowed URL into it. The request claims the image ({@code importing}) and answers 202; the copy runs
 * in the background and ends with the image active, or back in {@code queued} with
 * {@code os_glance_failed_import} set and the task failed.
 */
@Service
public class ImageImports {

    /** Glance's import methods this service serves (listed by /v2/info/import). */
    public static final List<String> IMPORT_METHODS = List.of("glance-direct", "web-download", "copy-image");

    static final String FAILED_IMPORT = "os_glance_failed_import";
    static final String COPY_IMAGE = "copy-image";
    private static final Logger log = LoggerFactory.getLogger(ImageImports.class);

    private final ImageAccess access;
    private final ImageLifecycle lifecycle;
    private final ImageEvents events;
    private final ImageRepository images;
    private final TaskRepository tasks;
    private final ImageStores stores;
    private final ImageDataWriter writer;
    private final ImageQuotas quotas;
    private final GuardedHttpClient http;
    private final ExecutorService executor;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ImageCopies copies;

    public ImageImports(ImageAccess access, ImageLifecycle lifecycle, ImageEvents events, ImageRepository images,
                        TaskRepository tasks, ImageStores stores, ImageDataWriter writer, ImageQuotas quotas,
                        OutboundUrlGuard outbound, TransactionTemplate tx, Clock clock, ImageCopies copies) {
        this.copies = copies;
        this.access = access;
        this.lifecycle = lifecycle;
        this.events = events;
        this.images = images;
        this.tasks = tasks;
        this.stores = stores;
        this.writer = writer;
        this.quotas = quotas;
        this.http = new GuardedHttpClient(outbound, Timeout.ofSeconds(10), Timeout.ofMinutes(10));
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "image-import-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        });
        this.tx = tx;
        this.clock = clock;
    }

    public void start(String imageId, ImportRequest request, String headerStore, Caller caller) {
        ImageEntity image = access.modifiable(imageId, caller);
        if (image.getDiskFormat() == null || image.getContainerFormat() == null) {
            throw ImageError.BAD_REQUEST.exception("Properties disk_format, container_format must be set prior to "
                    + "importing data.");
        }
        String method = request == null || request.method() == null ? null : request.method().name();
        if (method == null || !IMPORT_METHODS.contains(method)) {
            throw ImageError.BAD_REQUEST.exception("Import method " + method + " is not supported; use one of "
                    + IMPORT_METHODS + ".");
        }
        boolean copy = method.equals(COPY_IMAGE);
        List<ImageStore> targets = StoreCopies.targets(request, headerStore, stores.all(), stores.defaultStore(),
                ImageLocations.stores(image), copy);
        boolean mustSucceed = !Boolean.FALSE.equals(request.allStoresMustSucceed());
        if (copy) {
            copies.start(image, targets, mustSucceed, caller);
            return;
        }
        if (targets.isEmpty()) {
            throw ImageError.BAD_REQUEST.exception("No store to import to.");
        }
        URI uri = null;
        if (method.equals("glance-direct")) {
            if (image.getStatus() != ImageStatus.UPLOADING || image.getStagedLocation() == null) {
                throw ImageError.CONFLICT.exception("Image needs to be staged before 'glance-direct' method can be used");
            }
        } else {
            uri = filtered(request.method().uri());
            if (image.getStatus() != ImageStatus.QUEUED) {
                throw ImageError.CONFLICT.exception("Image needs to be in 'queued' state to use 'web-download' method");
            }
        }
        lifecycle.apply(imageId, ImageTransition.BEGIN_IMPORT);
        String taskId = UUID.randomUUID().toString();
        String importingTo = String.join(",", targets.stream().map(ImageStore::id).toList());
        tx.executeWithoutResult(s -> {
            tasks.save(new TaskEntity(taskId, imageId, method, image.getOwner(), caller.userId(),
                    RequestIds.current(), clock.instant()));
            images.findById(imageId).ifPresent(i -> {
                i.getProperties().remove(FAILED_IMPORT);
                i.getProperties().put(StoreCopies.IMPORTING_TO, importingTo);
            });
        });
        URI source = uri;
        String staged = image.getStagedLocation();
        String diskFormat = image.getDiskFormat();
        executor.execute(() -> run(taskId, imageId, image.getOwner(), diskFormat, source, staged, targets,
                mustSucceed));
    }

    /**
     * Copies the data into the first target store, then from there into the others; ends the import in one
     * transaction with its task: the image active with a location per store (or back to queued with
     * {@code os_glance_failed_import} set) and the task finished, so a client never sees one without the other.
     * A store that fails fails the import unless {@code all_stores_must_succeed} is false; then it is named in
     * {@code os_glance_failed_import} and the image is active in the others.
     */
    private void run(String taskId, String imageId, String owner, String diskFormat, URI source,
                     String stagedLocation, List<ImageStore> targets, boolean mustSucceed) {
        ImageStore target = targets.get(0);
        StoredData stored = null;
        String failure = null;
        try (InputStream in = source == null ? stores.staging().read(stagedLocation, 0, -1)
                : fetch(source)) {
            stored = writer.write(target, imageId, diskFormat, in, -1, quotas.remainingBytes(owner),
                    quotas.bytesLimit());
        } catch (IOException | RuntimeException e) {
            failure = e.getMessage() == null ? e.toString() : e.getMessage();
            log.info("Import of image {} failed: {}", imageId, e.toString());
        }
        List<String> failedStores = new ArrayList<>();
        List<StoreCopies.Copy> made = stored == null ? List.of() : StoreCopies.copy(imageId, target,
                stored.location(), stored.size(), targets.subList(1, targets.size()), failedStores);
        if (failure == null && mustSucceed && !failedStores.isEmpty()) {
            failure = "The image could not be copied to store(s) " + failedStores + ".";
        }
        StoredData data = stored;
        String copyFailure = failure;
        String outcome = tx.execute(s -> {
            String message = copyFailure;
            if (message == null && !events.activated(imageId, ImageTransition.FINISH_IMPORT, data)) {
                message = "The image was deleted during the import.";
            }
            if (message == null) {
                ImageEntity image = images.findLive(imageId).orElse(null);
                StoreCopies.record(image, made);
                if (image != null) {
                    image.getProperties().put(StoreCopies.IMPORTING_TO, "");
                    image.getProperties().put(FAILED_IMPORT, String.join(",", failedStores));
                }
            }
            if (message != null && lifecycle.tryApply(imageId, ImageTransition.ABORT_IMPORT)) {
                images.findById(imageId).ifPresent(i -> {
                    i.getProperties().put(FAILED_IMPORT, String.join(",", targets.stream().map(ImageStore::id)
                            .toList()));
                    i.getProperties().put(StoreCopies.IMPORTING_TO, "");
                });
            }
            String m = message;
            tasks.findById(taskId).ifPresent(t -> t.finish(m == null, m, clock.instant()));
            return message;
        });
        if (outcome != null && data != null) {
            target.deleteQuietly(data.location());
            StoreCopies.deleteAll(targets, made);
        }
        if (outcome == null && stagedLocation != null) {
            stores.staging().deleteQuietly(stagedLocation);
        }
    }

    /** Follows up to 5 redirects, each checked again, and connects only to addresses the guard allows. */
    private InputStream fetch(URI uri) throws IOException {
        GuardedHttpClient.Response r = http.send("GET", uri.toString(), Map.of(), 5);
        if (r.status() != 200) {
            r.close();
            throw new IOException("GET " + uri + " answered " + r.status());
        }
        return r.body();
    }

    /**
     * Glance's filter, applied when the import is requested (400 "does not pass filtering"): http(s), ports 80/443,
     * no loopback, private or link-local literal, unless the operator opted in ({@code nubo.outbound.*}). What a
     * name resolves to, and every redirect, is checked again by the import task when it connects; a refusal there
     * fails the import (the image returns to queued with {@code os_glance_failed_import} set).
     */
    private URI filtered(String uri) {
        if (uri == null || uri.isBlank()) {
            throw ImageError.BAD_REQUEST.exception("The 'web-download' method requires a 'uri'.");
        }
        try {
            return http.guard().check(uri);
        } catch (OutboundUrlRefused e) {
            throw ImageError.BAD_REQUEST.exception("URI for web-download does not pass filtering: " + uri + " ("
                    + e.getMessage() + ")");
        }
    }

    /** Imports still running are abandoned; the images they held are queued again at the next start. */
    @jakarta.annotation.PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    public List<TaskEntity> tasksOf(String imageId, Caller caller) {
        access.visible(imageId, caller);
        return tasks.findByImageIdOrderByCreatedAt(imageId);
    }
}
