package io.nubo.blockstorage.error;

import io.nubo.shared.web.OpenStackException;
import org.springframework.http.HttpStatus;

/** The block storage service's one exception type; built from {@link VolumeError}. */
public class VolumeException extends OpenStackException {

    VolumeException(HttpStatus status, String type, String message) {
        super(status, type, message);
    }
}
