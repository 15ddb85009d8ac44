package io.nubo.objectstore.swift;

import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Swift request as the features receive it, read off the servlet once by the web edge: no servlet type crosses
 * into a feature. Header names match without regard to case, as in HTTP.
 *
 * @param method        the HTTP method ({@code COPY} included)
 * @param path          the parsed {@code /v1/<account>[/<container>[/<object>]]}
 * @param query         the parsed query string
 * @param headers       every header with all its values, in the order sent
 * @param contextPath   the prefix the request came in under (the gateway's {@code /object-store}), or empty
 * @param contentLength the announced length of the body, or -1
 * @param body          the body, read at most once
 */
public record SwiftRequest(String method, SwiftPath path, QueryParams query, Map<String, List<String>> headers,
                           String contextPath, long contentLength, InputStream body) {

    public SwiftRequest {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> copy.merge(k, List.copyOf(v), (a, b) -> {
            List<String> all = new java.util.ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        }));
        headers = Collections.unmodifiableMap(copy);
        contextPath = contextPath == null ? "" : contextPath;
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public Set<String> headerNames() {
        return headers.keySet();
    }

    public String contentType() {
        return header("Content-Type");
    }

    public boolean isHead() {
        return "HEAD".equals(method);
    }
}
