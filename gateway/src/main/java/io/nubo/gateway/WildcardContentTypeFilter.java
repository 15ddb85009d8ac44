package io.nubo.gateway;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request whose Content-Type is a wildcard ({@code *}{@code /*}, {@code application/*}) is a 400: Spring's
 * request headers refuse to hold such a Content-Type with an IllegalArgumentException before any route runs,
 * which Tomcat answered with its HTML 500 page (found by GatewayFuzzEndToEndTest).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class WildcardContentTypeFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (type != null && wildcard(type)) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream().write(("{\"error\": {\"code\": 400, \"title\": \"Bad Request\", \"message\": "
                    + "\"The Content-Type header names no media type (a wildcard).\"}}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean wildcard(String contentType) {
        try {
            MediaType t = MediaType.parseMediaType(contentType);
            return t.isWildcardType() || t.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;  // Spring's request headers skip an unparseable Content-Type: the service decides
        }
    }
}
