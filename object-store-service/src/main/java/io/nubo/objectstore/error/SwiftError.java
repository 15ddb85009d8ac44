package io.nubo.objectstore.error;

import org.springframework.http.HttpStatus;

/** Every error the object store answers, numbered; Swift's bodies are short HTML pages. */
public enum SwiftError {
    OS_001_NOT_FOUND(HttpStatus.NOT_FOUND, "The resource could not be found."),
    OS_002_BAD_REQUEST(HttpStatus.BAD_REQUEST, "Bad request."),
    OS_003_UNAUTHORIZED(HttpStatus.UNAUTHORIZED,
            "This server could not verify that you are authorized to access the document you requested."),
    OS_004_FORBIDDEN(HttpStatus.FORBIDDEN, "Access was denied to this resource."),
    OS_005_CONFLICT(HttpStatus.CONFLICT, "There was a conflict when trying to complete your request."),
    OS_006_LENGTH_REQUIRED(HttpStatus.LENGTH_REQUIRED, "Missing Content-Length header."),
    OS_007_PRECONDITION_FAILED(HttpStatus.PRECONDITION_FAILED, "A precondition for this request was not met."),
    OS_008_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Your request is too large."),
    OS_009_UNPROCESSABLE(HttpStatus.UNPROCESSABLE_CONTENT,
            "The request was well-formed but was unable to be followed due to semantic errors."),
    OS_010_RANGE_NOT_SATISFIABLE(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
            "The Range requested is not available."),
    OS_011_METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "The method is not allowed for this resource."),
    OS_012_NOT_IMPLEMENTED(HttpStatus.NOT_IMPLEMENTED, "The requested method is not implemented."),
    OS_013_SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "The object's data is not available.");

    private final HttpStatus status;
    private final String message;

    SwiftError(HttpStatus status, String message) {
        this.status = status;
        this.message = message;
    }

    public SwiftException error() {
        return new SwiftException(this, message);
    }

    public SwiftException error(String detail) {
        return new SwiftException(this, detail);
    }

    public HttpStatus status() {
        return status;
    }
}
