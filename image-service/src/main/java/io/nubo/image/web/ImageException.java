package io.nubo.image.web;

import io.nubo.shared.web.OpenStackException;
import org.springframework.http.HttpStatus;

/** The image service's one exception type; built from {@link ImageError}. */
public class ImageException extends OpenStackException {

    ImageException(HttpStatus status, String type, String message) {
        super(status, type, message);
    }
}
