package io.nubo.metering.report;

import io.nubo.shared.web.OpenStackException;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** CloudKitty's v2 API is flask-restful: its errors are {@code {"message": "..."}}, not v1's WSME faults. */
@RestControllerAdvice(assignableTypes = V2ReportController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class V2ErrorAdvice {

    @ExceptionHandler(OpenStackException.class)
    ResponseEntity<Map<String, String>> openStack(OpenStackException e) {
        return ResponseEntity.status(e.status()).body(Map.of("message", e.getMessage()));
    }
}
