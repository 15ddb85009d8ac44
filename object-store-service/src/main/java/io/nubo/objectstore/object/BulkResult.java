package io.nubo.objectstore.object;

import io.nubo.objectstore.swift.SwiftResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The report of a bulk operation (bulk delete, archive extraction, SLO delete), in JSON when the client accepts
 * it and as Swift's plain text otherwise. The status line inside the body tells how it went.
 */
public record BulkResult(Map<String, Object> fields) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static BulkResult of(int deleted, int notFound) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Number Deleted", deleted);
        m.put("Number Not Found", notFound);
        m.put("Response Body", "");
        m.put("Response Status", "200 OK");
        m.put("Errors", List.of());
        return new BulkResult(m);
    }

    public static BulkResult created(int files, List<List<String>> errors) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Number Files Created", files);
        m.put("Response Body", "");
        m.put("Response Status", errors.isEmpty() ? "201 Created" : "400 Bad Request");
        m.put("Errors", errors);
        return new BulkResult(m);
    }

    public BulkResult withErrors(List<List<String>> errors, String status) {
        Map<String, Object> m = new LinkedHashMap<>(fields);
        m.put("Errors", errors);
        m.put("Response Status", status);
        return new BulkResult(m);
    }

    /** The report as the client accepts it ({@code Accept} may be null): JSON, or Swift's plain text. */
    public SwiftResponse render(String accept) {
        SwiftResponse.Builder response = SwiftResponse.builder().status(200);
        if (accept != null && accept.contains("application/json")) {
            return response.contentType("application/json; charset=utf-8").body(JSON.writeValueAsBytes(fields))
                    .build();
        }
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> b.append(k).append(": ").append(v instanceof List<?> l && l.isEmpty() ? "" : v)
                .append('\n'));
        return response.contentType("text/plain; charset=utf-8").body(b.toString()).build();
    }
}
