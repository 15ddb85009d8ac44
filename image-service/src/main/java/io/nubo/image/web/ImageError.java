package io.nubo.image.web;

import org.springframework.http.HttpStatus;

/** Every error the image service answers, with Glance's status and message. */
public enum ImageError {
    IMAGE_NOT_FOUND(HttpStatus.NOT_FOUND, "No image found with ID %s"),
    MEMBER_NOT_FOUND(HttpStatus.NOT_FOUND, "%s is not a member of image %s"),
    TAG_NOT_FOUND(HttpStatus.NOT_FOUND, "Tag %s not found"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "%s"),
    BAD_REQUEST(HttpStatus.BAD_REQUEST, "%s"),
    INVALID_FORMAT(HttpStatus.BAD_REQUEST, "Invalid value '%s' for parameter '%s': must be one of %s"),
    INVALID_SORT_KEY(HttpStatus.BAD_REQUEST, "Invalid sort key: %s. It should be one of the following: %s."),
    INVALID_MARKER(HttpStatus.BAD_REQUEST, "Invalid marker. Image %s could not be found."),
    READ_ONLY(HttpStatus.FORBIDDEN, "Attribute '%s' is read-only."),
    RESERVED(HttpStatus.FORBIDDEN, "Attribute '%s' is reserved."),
    FORBIDDEN(HttpStatus.FORBIDDEN, "%s"),
    PROTECTED(HttpStatus.FORBIDDEN, "Image %s is protected and cannot be deleted."),
    CONFLICT(HttpStatus.CONFLICT, "%s"),
    BAD_STATUS(HttpStatus.CONFLICT, "Image status transition from %s to %s is not allowed"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "%s"),
    RANGE_NOT_SATISFIABLE(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "Requested range not satisfiable: %s"),
    OVER_QUOTA(HttpStatus.CONTENT_TOO_LARGE, "%s"),
    STORE_FAILURE(HttpStatus.SERVICE_UNAVAILABLE, "The image store could not %s; the image is unchanged. Try again.");

    private final HttpStatus status;
    private final String template;

    ImageError(HttpStatus status, String template) {
        this.status = status;
        this.template = template;
    }

    public ImageException exception(Object... args) {
        return new ImageException(status, name(), String.format(template, args));
    }

    public HttpStatus status() {
        return status;
    }
}
