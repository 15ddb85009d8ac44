package io.nubo.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every exception that reaches a controller into the service's OpenStack error body:
 * a clear 4xx for anything the client did, and a 500 with no detail (logged here) for the rest.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class OpenStackExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(OpenStackExceptionHandler.class);

    private final ErrorResponseWriter writer;

    public OpenStackExceptionHandler(ErrorResponseWriter writer) {
        this.writer = writer;
    }

    @ExceptionHandler(OpenStackException.class)
    public ResponseEntity<String> openStack(OpenStackException e, HttpServletRequest request) {
        return writer.entity(request, e.status(), e.type(), e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<String> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        String detail = e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")
                ? "The request body is missing." : "The request body is not valid JSON or has a field of the wrong type.";
        return writer.entity(request, HttpStatus.BAD_REQUEST, "HTTPBadRequest", detail);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    public ResponseEntity<String> invalid(MethodArgumentNotValidException e, HttpServletRequest request) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(f -> "'" + f.getField() + "' " + f.getDefaultMessage())
                .reduce((a, b) -> a + "; " + b)
                .orElse("Invalid input.");
        return writer.entity(request, HttpStatus.BAD_REQUEST, "HTTPBadRequest", "Invalid input: " + detail);
    }

    @ExceptionHandler({HandlerMethodValidationException.class, ConstraintViolationException.class,
            MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class,
            MissingRequestHeaderException.class})
    public ResponseEntity<String> badParameter(Exception e, HttpServletRequest request) {
        String detail = "Invalid input.";
        if (e instanceof MethodArgumentTypeMismatchException m) {
            detail = "Invalid value for '" + m.getName() + "'.";
        } else if (e instanceof MissingServletRequestParameterException m) {
            detail = "Missing parameter '" + m.getParameterName() + "'.";
        } else if (e instanceof MissingRequestHeaderException m) {
            detail = "Missing header '" + m.getHeaderName() + "'.";
        }
        return writer.entity(request, HttpStatus.BAD_REQUEST, "HTTPBadRequest", detail);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<String> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        ResponseEntity<String> r = writer.entity(request, HttpStatus.METHOD_NOT_ALLOWED, "HTTPMethodNotAllowed",
                "The method " + e.getMethod() + " is not allowed for this resource.");
        if (e.getSupportedHttpMethods() != null) {
            return ResponseEntity.status(r.getStatusCode()).headers(r.getHeaders())
                    .allow(e.getSupportedHttpMethods().toArray(org.springframework.http.HttpMethod[]::new))
                    .body(r.getBody());
        }
        return r;
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<String> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return writer.entity(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "HTTPUnsupportedMediaType",
                "The media type " + e.getContentType() + " is not supported, use application/json.");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    public ResponseEntity<String> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
        return writer.entity(request, HttpStatus.NOT_ACCEPTABLE, "HTTPNotAcceptable",
                "The requested media type is not available.");
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    public ResponseEntity<String> notFound(Exception e, HttpServletRequest request) {
        return writer.entity(request, HttpStatus.NOT_FOUND, "HTTPNotFound", "The resource could not be found.");
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    public ResponseEntity<String> tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        return writer.entity(request, HttpStatus.CONTENT_TOO_LARGE, "HTTPRequestEntityTooLarge",
                "Request entity too large.");
    }

    @ExceptionHandler(AccessDeniedException.class)
    public ResponseEntity<String> denied(AccessDeniedException e, HttpServletRequest request) {
        return writer.entity(request, HttpStatus.FORBIDDEN, "HTTPForbidden",
                "You are not authorized to perform the requested action.");
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<String> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return writer.entity(request, HttpStatus.INTERNAL_SERVER_ERROR, "HTTPInternalServerError",
                "An unexpected error prevented the server from fulfilling your request.");
    }
}
