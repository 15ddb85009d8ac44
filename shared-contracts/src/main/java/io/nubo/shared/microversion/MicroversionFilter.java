package io.nubo.shared.microversion;

import io.nubo.shared.web.ErrorResponseWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Negotiates the microversion of every request to the versioned API, as Nova's wsgi layer does: reads
 * {@code OpenStack-API-Version: <type> X.Y} (which wins) or the legacy header, answers 400 for a malformed
 * version and 406 for one outside the served range, and echoes the version used in both headers with
 * {@code Vary}. Handlers read it as an {@link ApiVersion} argument.
 */
public class MicroversionFilter extends OncePerRequestFilter {

    public static final String HEADER = "OpenStack-API-Version";
    private static final String ATTRIBUTE = ApiVersion.class.getName();

    private final MicroversionSpec spec;
    private final ErrorResponseWriter errors;

    public MicroversionFilter(MicroversionSpec spec, ErrorResponseWriter errors) {
        this.spec = spec;
        this.errors = errors;
    }

    /** The version negotiated for this request, or null outside the versioned API. */
    public static ApiVersion requested(HttpServletRequest request) {
        return (ApiVersion) request.getAttribute(ATTRIBUTE);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !spec.covers(path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String asked = askedVersion(request);
        ApiVersion version;
        if (asked == null) {
            version = spec.min();
        } else if (asked.trim().equalsIgnoreCase("latest")) {
            version = spec.max();
        } else {
            try {
                version = ApiVersion.parse(asked);
            } catch (IllegalArgumentException e) {
                errors.write(request, response, HttpStatus.BAD_REQUEST, "InvalidAPIVersionString", e.getMessage());
                return;
            }
            if (!version.within(spec.min(), spec.max())) {
                errors.write(request, response, HttpStatus.NOT_ACCEPTABLE, "InvalidGlobalAPIVersion",
                        "Version " + version + " is not supported by the API. Minimum is " + spec.min()
                                + " and maximum is " + spec.max() + ".");
                return;
            }
        }
        request.setAttribute(ATTRIBUTE, version);
        response.setHeader(HEADER, spec.serviceType() + " " + version);
        if (spec.legacyHeader() != null) {
            response.setHeader(spec.legacyHeader(), version.toString());
            response.setHeader("Vary", HEADER + ", " + spec.legacyHeader());
        } else {
            response.setHeader("Vary", HEADER);
        }
        chain.doFilter(request, response);
    }

    /** The version text asked for this service, or null: {@code OpenStack-API-Version} first, then the legacy one. */
    private String askedVersion(HttpServletRequest request) {
        var values = request.getHeaders(HEADER);
        while (values != null && values.hasMoreElements()) {
            // one header may name several services: "compute 2.10, volume 3.0"
            for (String item : values.nextElement().split(",")) {
                String[] parts = item.trim().split("\\s+", 2);
                if (parts.length == 2 && parts[0].toLowerCase(Locale.ROOT).equals(spec.serviceType())) {
                    return parts[1];
                }
            }
        }
        return spec.legacyHeader() == null ? null : request.getHeader(spec.legacyHeader());
    }
}
