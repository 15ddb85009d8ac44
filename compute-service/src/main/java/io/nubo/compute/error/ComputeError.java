package io.nubo.compute.error;

import org.springframework.http.HttpStatus;

/** Every error the compute API answers, with Nova's status and message. */
public enum ComputeError {
    BAD_REQUEST(HttpStatus.BAD_REQUEST, "%s"),
    INVALID_INPUT(HttpStatus.BAD_REQUEST, "Invalid input for field/attribute %s. Value: %s. %s"),
    FLAVOR_NOT_FOUND(HttpStatus.NOT_FOUND, "Flavor %s could not be found."),
    FLAVOR_EXISTS(HttpStatus.CONFLICT, "Flavor with %s %s already exists."),
    FLAVOR_ACCESS_NOT_FOUND(HttpStatus.NOT_FOUND, "Flavor access not found for %s / %s combination."),
    FLAVOR_ACCESS_EXISTS(HttpStatus.CONFLICT, "Flavor access already exists for flavor %s and project %s combination."),
    EXTRA_SPEC_NOT_FOUND(HttpStatus.NOT_FOUND, "Flavor %s has no extra specs with key %s."),
    KEYPAIR_NOT_FOUND(HttpStatus.NOT_FOUND, "Keypair %s not found for user %s"),
    KEYPAIR_EXISTS(HttpStatus.CONFLICT, "Key pair '%s' already exists."),
    INVALID_KEYPAIR(HttpStatus.BAD_REQUEST, "Keypair data is invalid: %s"),
    SERVER_NOT_FOUND(HttpStatus.NOT_FOUND, "Instance %s could not be found."),
    /** os-server-external-events: not one event named a server that exists */
    NO_INSTANCES_FOR_EVENTS(HttpStatus.NOT_FOUND, "No instances found for any event"),
    VOLUME_NOT_FOUND(HttpStatus.NOT_FOUND, "Volume %s could not be found."),
    INVALID_VOLUME(HttpStatus.BAD_REQUEST, "Invalid volume: %s"),
    VOLUME_BDM_NOT_FOUND(HttpStatus.NOT_FOUND, "No volume Block Device Mapping with id %s."),
    VOLUME_SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "%s"),
    IMAGE_NOT_FOUND(HttpStatus.BAD_REQUEST, "Can not find requested image"),
    FLAVOR_REF_NOT_FOUND(HttpStatus.BAD_REQUEST, "Flavor '%s' could not be found."),
    KEY_NAME_NOT_FOUND(HttpStatus.BAD_REQUEST, "Invalid key_name provided."),
    NOT_YET_SUPPORTED(HttpStatus.BAD_REQUEST, "%s"),
    OVER_QUOTA(HttpStatus.FORBIDDEN, "%s"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "%s"),
    POLICY(HttpStatus.FORBIDDEN, "Policy doesn't allow %s to be performed."),
    INVALID_STATE(HttpStatus.CONFLICT, "Cannot '%s' instance %s while it is in %s %s"),
    LOCKED(HttpStatus.CONFLICT, "Instance %s is locked"),
    CONFLICT(HttpStatus.CONFLICT, "%s"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "%s"),
    HOST_NOT_FOUND(HttpStatus.NOT_FOUND, "Compute host %s could not be found."),
    SERVICE_NOT_FOUND(HttpStatus.NOT_FOUND, "Service %s could not be found."),
    AGENT_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "%s"),
    UNAVAILABLE(HttpStatus.CONFLICT, "%s"),
    NOT_IMPLEMENTED(HttpStatus.NOT_IMPLEMENTED, "%s");

    private final HttpStatus status;
    private final String template;

    ComputeError(HttpStatus status, String template) {
        this.status = status;
        this.template = template;
    }

    public ComputeException exception(Object... args) {
        return new ComputeException(status, name(), String.format(template, args));
    }

    public HttpStatus status() {
        return status;
    }
}
