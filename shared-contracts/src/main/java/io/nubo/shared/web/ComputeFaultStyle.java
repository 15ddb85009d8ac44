package io.nubo.shared.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** Nova and Cinder faults: {@code {"itemNotFound": {"code": 404, "message": "..."}}}, the key named after the status. */
public final class ComputeFaultStyle implements ErrorBodyStyle {

    @Override
    public RenderedError render(HttpStatus status, String type, String message) {
        String body = "{" + JsonText.quote(faultName(status)) + ": {\"code\": " + status.value()
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
            // a microversion outside the served range: HTTPNotAcceptable, not in _fault_names, so computeFault
            case 406 -> "computeFault";
            case 501 -> "notImplemented";
            case 503 -> "serviceUnavailable";
            default -> status.is4xxClientError() ? "badRequest" : "computeFault";
        };
    }
}
