package io.nubo.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an {@code x-openstack-request-id} (and Nova's {@code x-compute-request-id} where asked),
 * set on the response before anything else can commit it, and in the logging MDC while it runs.
 * A valid id sent by the caller (the gateway or another service) is kept, so one id follows a request across services.
 */
public class RequestIdFilter extends OncePerRequestFilter {

    private final boolean computeHeader;

    public RequestIdFilter(boolean computeHeader) {
        this.computeHeader = computeHeader;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String incoming = request.getHeader(RequestIds.HEADER);
        String id = RequestIds.isValid(incoming) ? incoming : RequestIds.generate();
        response.setHeader(RequestIds.HEADER, id);
        if (computeHeader) {
            response.setHeader(RequestIds.COMPUTE_HEADER, id);
        }
        RequestIds.set(id);
        MDC.put(RequestIds.MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
            RequestIds.clear();
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }
}
