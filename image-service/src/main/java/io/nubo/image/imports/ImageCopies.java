package io.nubo.image.imports;

import io.nubo.image.image.ImageEntity;
import io.nubo.image.image.ImageRepository;
import io.nubo.image.image.ImageStatus;
import io.nubo.image.store.ImageStore;
import io.nubo.image.store.ImageStores;
import io.nubo.image.web.Caller;
import io.nubo.image.web.ImageError;
import io.nubo.shared.web.RequestIds;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Glance's {@code copy-image} import method: an admin copies an active image's data into more stores. The image
 * stays active; {@code os_glance_importing_to_stores} names the stores still to do and
 * {@code os_glance_failed_import} those that failed. With {@code all_stores_must_succeed} (the default) one
 * failure undoes the whole copy.
 */
@Service
public class ImageCopies {

    private final ImageRepository images;
    private final TaskRepository tasks;
    private final ImageStores stores;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "image-copy");
        t.setDaemon(true);
        return t;
    });

    public ImageCopies(ImageRepository images, TaskRepository tasks, ImageStores stores, TransactionTemplate tx,
                       Clock clock) {
        this.images = images;
        this.tasks = tasks;
        this.stores = stores;
        this.tx = tx;
        this.clock = clock;
    }

    void start(ImageEntity image, List<ImageStore> targets, boolean mustSucceed, Caller caller) {
        if (!caller.admin()) {
            throw ImageError.FORBIDDEN.exception("Only an admin may copy an image to other stores.");
        }
        String id = image.getId();
        String importingTo = String.join(",", targets.stream().map(ImageStore::id).toList());
        String taskId = UUID.randomUUID().toString();
        tx.executeWithoutResult(s -> {
            ImageEntity i = images.findLive(id).orElseThrow(() -> ImageError.IMAGE_NOT_FOUND.exception(id));
            if (i.getStatus() != ImageStatus.ACTIVE || i.getLocation() == null) {
                throw ImageError.CONFLICT.exception("Image status must be active to copy it to other stores.");
            }
            String busy = i.getProperties().get(StoreCopies.IMPORTING_TO);
            if (busy != null && !busy.isEmpty()) {
                throw ImageError.CONFLICT.exception("Image is already being copied to store(s) " + busy + ".");
            }
            i.getProperties().put(StoreCopies.IMPORTING_TO, importingTo);
            i.getProperties().put(ImageImports.FAILED_IMPORT, "");
            TaskEntity task = new TaskEntity(taskId, id, ImageImports.COPY_IMAGE, i.getOwner(), caller.userId(),
                    RequestIds.current(), clock.instant());
            tasks.save(task);
            if (targets.isEmpty()) {
                task.finish(true, null, clock.instant());
            }
        });
        if (!targets.isEmpty()) {
            ImageStore source = stores.byId(image.getStoreName());
            executor.execute(() -> run(taskId, id, source, image.getLocation(), image.getSize(), targets, mustSucceed));
        }
    }

    private void run(String taskId, String imageId, ImageStore source, String location, long size,
                     List<ImageStore> targets, boolean mustSucceed) {
        List<String> failed = new ArrayList<>();
        List<StoreCopies.Copy> made = source == null ? List.of()
                : StoreCopies.copy(imageId, source, location, size, targets, failed);
        if (source == null) {
            targets.forEach(t -> failed.add(t.id()));
        }
        boolean undo = mustSucceed && !failed.isEmpty();
        Boolean kept = tx.execute(s -> {
            ImageEntity image = images.findLive(imageId).orElse(null);
            boolean recorded = !undo && StoreCopies.record(image, made);
            if (image != null) {
                image.getProperties().put(StoreCopies.IMPORTING_TO, "");
                image.getProperties().put(ImageImports.FAILED_IMPORT, String.join(",", undo
                        ? targets.stream().map(ImageStore::id).toList() : failed));
            }
            String message = failed.isEmpty() ? null : "Copy to store(s) " + failed + " failed.";
            tasks.findById(taskId).ifPresent(t -> t.finish(recorded && failed.isEmpty(), message, clock.instant()));
            return recorded;
        });
        if (!Boolean.TRUE.equals(kept)) {
            StoreCopies.deleteAll(targets, made);
        }
    }

    /** Copies still running are abandoned (their partial writes never become locations). */
    @jakarta.annotation.PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
