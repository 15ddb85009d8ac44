package io.nubo.objectstore.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/** Swift's {@code X-Trans-Id} ({@code tx<21 hex>-<10 hex of the time>}) on every response, as clients log it. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TransIdFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = "tx" + UUID.randomUUID().toString().replace("-", "").substring(0, 21) + "-"
                + String.format("%010x", Instant.now().getEpochSecond());
        response.setHeader("X-Trans-Id", id);
        if (request.getRequestURI().endsWith("/healthcheck")) {
            // Swift's healthcheck answers with a length; the actuator's body is buffered here to give it one
            ContentCachingResponseWrapper cached = new ContentCachingResponseWrapper(response);
            chain.doFilter(request, cached);
            cached.copyBodyToResponse();
            return;
        }
        chain.doFilter(request, response);
    }
}
