package io.nubo.blockstorage.error;

import org.springframework.http.HttpStatus;

/** Every error the block storage service answers, with Cinder's status and message. */
public enum VolumeError {
    VOLUME_NOT_FOUND(HttpStatus.NOT_FOUND, "Volume %s could not be found."),
    SNAPSHOT_NOT_FOUND(HttpStatus.NOT_FOUND, "Snapshot %s could not be found."),
    TYPE_NOT_FOUND(HttpStatus.NOT_FOUND, "Volume type %s could not be found."),
    TYPE_SPEC_NOT_FOUND(HttpStatus.NOT_FOUND, "Volume Type %s has no extra specs with key %s."),
    METADATA_NOT_FOUND(HttpStatus.NOT_FOUND, "Metadata item was not found"),
    ATTACHMENT_NOT_FOUND(HttpStatus.NOT_FOUND, "VolumeAttachment %s could not be found."),
    IMAGE_NOT_FOUND(HttpStatus.BAD_REQUEST, "Invalid image identifier or unable to access requested image."),
    NOT_FOUND(HttpStatus.NOT_FOUND, "%s"),
    BAD_REQUEST(HttpStatus.BAD_REQUEST, "%s"),
    INVALID_INPUT(HttpStatus.BAD_REQUEST, "Invalid input received: %s"),
    INVALID_VOLUME(HttpStatus.BAD_REQUEST, "Invalid volume: %s"),
    INVALID_SNAPSHOT(HttpStatus.BAD_REQUEST, "Invalid snapshot: %s"),
    INVALID_TYPE(HttpStatus.BAD_REQUEST, "Invalid volume type: %s"),
    TYPE_EXISTS(HttpStatus.CONFLICT, "Volume Type %s already exists."),
    BACKUP_NOT_FOUND(HttpStatus.NOT_FOUND, "Backup %s could not be found."),
    INVALID_BACKUP(HttpStatus.BAD_REQUEST, "Invalid backup: %s"),
    QOS_NOT_FOUND(HttpStatus.NOT_FOUND, "QoS Specs %s could not be found."),
    QOS_EXISTS(HttpStatus.CONFLICT, "QoS Specs %s already exists."),
    QOS_IN_USE(HttpStatus.BAD_REQUEST, "QoS Specs %s is still associated with entities."),
    TYPE_ACCESS_EXISTS(HttpStatus.CONFLICT, "Volume type access for %s / %s combination already exists."),
    TYPE_ACCESS_NOT_FOUND(HttpStatus.NOT_FOUND, "Volume type access not found for %s / %s combination."),
    TYPE_IN_USE(HttpStatus.BAD_REQUEST, "Volume Type %s deletion is not allowed with volumes present with the type."),
    FORBIDDEN(HttpStatus.FORBIDDEN, "Policy doesn't allow %s to be performed."),
    OVER_QUOTA(HttpStatus.CONTENT_TOO_LARGE, "%s"),
    CONFLICT(HttpStatus.CONFLICT, "Resource conflict: %s"),
    /** Cinder's revert turns InvalidVolume and InvalidSnapshot into a 409 with their message */
    INVALID_VOLUME_CONFLICT(HttpStatus.CONFLICT, "Invalid volume: %s"),
    INVALID_SNAPSHOT_CONFLICT(HttpStatus.CONFLICT, "Invalid snapshot: %s"),
    CONFLICT_NOVA_USING_ATTACHMENT(HttpStatus.CONFLICT, "Detach volume from instance %s using the Compute API"),
    CLUSTER_NOT_FOUND(HttpStatus.NOT_FOUND, "Cluster %s could not be found."),
    GROUP_NOT_FOUND(HttpStatus.NOT_FOUND, "Group %s could not be found."),
    INVALID_GROUP(HttpStatus.BAD_REQUEST, "Invalid Group: %s"),
    INVALID_GROUP_TYPE(HttpStatus.BAD_REQUEST, "Invalid group type: %s"),
    GROUP_SNAPSHOT_NOT_FOUND(HttpStatus.NOT_FOUND, "GroupSnapshot %s could not be found."),
    INVALID_GROUP_SNAPSHOT(HttpStatus.BAD_REQUEST, "Invalid GroupSnapshot: %s"),
    GROUP_TYPE_NOT_FOUND(HttpStatus.NOT_FOUND, "Group type %s could not be found."),
    GROUP_TYPE_EXISTS(HttpStatus.CONFLICT, "Group Type %s already exists."),
    GROUP_TYPE_SPEC_NOT_FOUND(HttpStatus.NOT_FOUND, "Group Type %s has no specs with key %s."),
    MESSAGE_NOT_FOUND(HttpStatus.NOT_FOUND, "Message %s could not be found."),
    BACKEND_FAILURE(HttpStatus.SERVICE_UNAVAILABLE, "The volume backend could not %s; nothing was changed. Try again.");

    private final HttpStatus status;
    private final String template;

    VolumeError(HttpStatus status, String template) {
        this.status = status;
        this.template = template;
    }

    public VolumeException exception(Object... args) {
        return new VolumeException(status, name(), String.format(template, args));
    }

    public HttpStatus status() {
        return status;
    }
}
