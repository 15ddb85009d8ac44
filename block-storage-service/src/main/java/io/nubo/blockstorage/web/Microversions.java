package io.nubo.blockstorage.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cinder's microversion header, in one place until shared-contracts has the generic mechanism: only 3.0 is served,
 * so a request for {@code volume 3.0} or {@code latest} (or none) is served at 3.0 and any other version is refused
 * with 406 as Cinder refuses versions outside its range. Every /v3 response says {@code OpenStack-API-Version:
 * volume 3.0}.
 */
@Component
public class Microversions extends OncePerRequestFilter {

    public static final String MIN = "3.0";
    public static final String MAX = "3.0";
    private static final Pattern VOLUME = Pattern.compile("(?i)(?:^|,)\\s*volume\\s+([^,]+?)\\s*(?:,|$)");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/v3/") || request.getRequestURI().equals("/v3/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("OpenStack-API-Version");
        response.setHeader("OpenStack-API-Version", "volume " + MAX);
        response.addHeader("Vary", "OpenStack-API-Version");
        if (header != null) {
            Matcher m = VOLUME.matcher(header);
            if (m.find()) {
                String v = m.group(1);
                if (!v.equalsIgnoreCase("latest") && !v.matches("3\\.0+")) {
                    int status = v.matches("\\d+\\.\\d+") ? 406 : 400;
                    String message = status == 406
                            ? "Version " + v + " is not supported by the API. Minimum is " + MIN + " and maximum is "
                            + MAX + "."
                            : "Invalid API version request string " + v + ".";
                    response.setStatus(status);
                    response.setContentType("application/json");
                    response.getWriter().write("{\"" + (status == 406 ? "computeFault" : "badRequest")
                            + "\": {\"code\": " + status + ", \"message\": \"" + message + "\"}}");
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }
}
