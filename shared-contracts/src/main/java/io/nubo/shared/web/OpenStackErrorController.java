package io.nubo.shared.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The servlet container's error page (errors raised outside controllers, e.g. in filters or by Tomcat itself),
 * in the service's OpenStack error body instead of Spring Boot's default JSON.
 */
public class OpenStackErrorController implements ErrorController {

    private final ErrorResponseWriter writer;

    public OpenStackErrorController(ErrorResponseWriter writer) {
        this.writer = writer;
    }

    @RequestMapping("${server.error.path:/error}")
    public ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i && HttpStatus.resolve(i) != null
                ? HttpStatus.valueOf(i) : HttpStatus.INTERNAL_SERVER_ERROR;
        String message = switch (status.value()) {
            case 400 -> "The request could not be understood.";
            case 401 -> "The request you have made requires authentication.";
            case 403 -> "You are not authorized to perform the requested action.";
            case 404 -> "The resource could not be found.";
            case 405 -> "The method is not allowed for this resource.";
            case 413 -> "Request entity too large.";
            default -> status.is5xxServerError()
                    ? "An unexpected error prevented the server from fulfilling your request."
                    : status.getReasonPhrase();
        };
        return writer.entity(request, status, null, message);
    }
}
