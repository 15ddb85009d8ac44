package io.nubo.objectstore.swift;

import io.nubo.objectstore.error.SwiftError;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The query string, parsed here rather than by the servlet container: asking the container for parameters would
 * read a form-encoded request body, which for Swift is object data.
 */
public record QueryParams(Map<String, String> values) {

    public static QueryParams parse(String query) {
        Map<String, String> m = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = eq < 0 ? pair : pair.substring(0, eq);
                String v = eq < 0 ? "" : pair.substring(eq + 1);
                try {
                    m.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8),
                            URLDecoder.decode(v, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw SwiftError.OS_002_BAD_REQUEST.error("Invalid query string.");
                }
            }
        }
        return new QueryParams(m);
    }

    public String get(String name) {
        return values.get(name);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }
}
