package io.nubo.gateway;

import io.nubo.shared.web.RequestIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives each request one {@code req-<uuid>} id and sends it to the service (which keeps a valid incoming id and
 * answers with it), so the client, the gateway's log and the service's log name the request alike. Errors made by
 * the gateway itself carry the id too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends OncePerRequestFilter {

    static final String HEADER = RequestIds.HEADER;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String incoming = request.getHeader(HEADER);
        String id = RequestIds.isValid(incoming) ? incoming : RequestIds.generate();
        response.setHeader(HEADER, id);
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return HEADER.equalsIgnoreCase(name) ? id : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return HEADER.equalsIgnoreCase(name) ? Collections.enumeration(java.util.List.of(id))
                        : super.getHeaders(name);
            }

            @Override
            public Enumeration<String> getHeaderNames() {
                java.util.List<String> names = Collections.list(super.getHeaderNames());
                if (names.stream().noneMatch(HEADER::equalsIgnoreCase)) {
                    names.add(HEADER);
                }
                return Collections.enumeration(names);
            }
        }, new HttpServletResponseWrapper(response) {
            // the service answers with the same id: replace ours instead of sending the header twice
            @Override
            public void addHeader(String name, String value) {
                if (HEADER.equalsIgnoreCase(name)) {
                    super.setHeader(HEADER, value);
                } else {
                    super.addHeader(name, value);
                }
            }
        });
    }
}
