package io.nubo.shared.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Nova and Cinder faults: {@code {"itemNotFound": {"code": 404, "message": "..."}}}, the key named after the status.
 * {@link #cinder()} also names a 406 (a microversion outside the served range) {@code computeFault}, as the wsgi
 * {@code Fault} does for a status outside {@code _fault_names} (Nova's does the same; the compute service keeps
 * {@code badRequest} for it until its tests say otherwise).
 */
public final class ComputeFaultStyle implements ErrorBodyStyle {

    private final boolean notAcceptableIsComputeFault;

    public ComputeFaultStyle() {
        this(false);
    }

    private ComputeFaultStyle(boolean notAcceptableIsComputeFault) {
        this.notAcceptableIsComputeFault = notAcceptableIsComputeFault;
    }

    /** Cinder's faults (error style {@code cinder}). */
    public static ComputeFaultStyle cinder() {
        return new ComputeFaultStyle(true);
    }

    @Override
    public RenderedError render(HttpStatus status, String type, String message) {
        String name = notAcceptableIsComputeFault && status == HttpStatus.NOT_ACCEPTABLE ? "computeFault"
                : faultName(status);
        String body = "{" + JsonText.quote(name) + ": {\"code\": " + status.value()
                + ", \"message\": " + JsonText.quote(message) + "}}";
        return new RenderedError(MediaType.APPLICATION_JSON, body);
    }

    /** The names Nova's wsgi fault wrapper uses (nova/api/openstack/wsgi.py, Fault._fault_names). */
    static String faultName(HttpStatus status) {
        return switch (status.value()) {
            case 400 -> "badRequest";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "itemNotFound";
            case 405 -> "badMethod";
            case 409 -> "conflictingRequest";
            case 413 -> "overLimit";
            case 415 -> "badMediaType";
            case 429 -> "overLimit";
            case 501 -> "notImplemented";
            case 503 -> "serviceUnavailable";
            default -> status.is4xxClientError() ? "badRequest" : "computeFault";
        };
    }
}
