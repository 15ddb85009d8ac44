package io.nubo.image.image;

import static io.nubo.image.image.ImageStatus.ACTIVE;
import static io.nubo.image.image.ImageStatus.DEACTIVATED;
import static io.nubo.image.image.ImageStatus.IMPORTING;
import static io.nubo.image.image.ImageStatus.QUEUED;
import static io.nubo.image.image.ImageStatus.SAVING;
import static io.nubo.image.image.ImageStatus.UPLOADING;

import java.util.EnumSet;
import java.util.Set;

/**
 * The image state machine as data: each transition names the statuses it may start from and the one it ends in.
 * {@link ImageLifecycle} applies them as compare-and-swap updates, so two requests can never both win, and every
 * transitional status ({@code saving}, {@code uploading}, {@code importing}) has a way back on failure. Every
 * status change of an image goes through one of these (a test checks that each is used). Glance's {@code killed}
 * and {@code pending_delete} are never reached: a failed upload goes back to {@code queued}, and a delete removes
 * the data at once (no delayed delete).
 */
public enum ImageTransition {
    BEGIN_UPLOAD(EnumSet.of(QUEUED), SAVING),
    FINISH_UPLOAD(EnumSet.of(SAVING), ACTIVE),
    ABORT_UPLOAD(EnumSet.of(SAVING), QUEUED),
    BEGIN_STAGE(EnumSet.of(QUEUED), UPLOADING),
    ABORT_STAGE(EnumSet.of(UPLOADING), QUEUED),
    /** glance-direct imports staged data; web-download starts from an empty record */
    BEGIN_IMPORT(EnumSet.of(UPLOADING, QUEUED), IMPORTING),
    FINISH_IMPORT(EnumSet.of(IMPORTING), ACTIVE),
    ABORT_IMPORT(EnumSet.of(IMPORTING), QUEUED),
    /** a first image location (show_multiple_locations) holds data already: straight to active */
    SET_LOCATION(EnumSet.of(QUEUED), ACTIVE),
    DEACTIVATE(EnumSet.of(ACTIVE, DEACTIVATED), DEACTIVATED),
    REACTIVATE(EnumSet.of(ACTIVE, DEACTIVATED), ACTIVE),
    /** at start-up: no upload or import survives a restart of the service that ran it ({@link ImageLifecycle}) */
    REQUEUE_INTERRUPTED(EnumSet.of(SAVING, IMPORTING), QUEUED),
    DELETE(EnumSet.complementOf(EnumSet.of(ImageStatus.DELETED)), ImageStatus.DELETED);

    private final Set<ImageStatus> from;
    private final ImageStatus to;

    ImageTransition(Set<ImageStatus> from, ImageStatus to) {
        this.from = from;
        this.to = to;
    }

    public Set<ImageStatus> from() {
        return from;
    }

    public ImageStatus to() {
        return to;
    }

    public boolean allowedFrom(ImageStatus status) {
        return from.contains(status);
    }
}
