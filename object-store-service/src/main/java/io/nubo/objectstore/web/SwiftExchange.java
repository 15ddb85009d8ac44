package io.nubo.objectstore.web;

import io.nubo.objectstore.swift.QueryParams;
import io.nubo.objectstore.swift.SwiftPath;
import io.nubo.objectstore.swift.SwiftRequest;
import io.nubo.objectstore.swift.SwiftResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Between the servlet and the features: a {@link SwiftRequest} read off it, a {@link SwiftResponse} written to it. */
final class SwiftExchange {

    private SwiftExchange() {
    }

    static SwiftRequest read(HttpServletRequest request) throws IOException {
        String raw = request.getRequestURI().substring(request.getContextPath().length());
        SwiftPath path = SwiftPath.parse(raw);
        QueryParams query = QueryParams.parse(request.getQueryString());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return new SwiftRequest(request.getMethod(), path, query, headers, request.getContextPath(),
                request.getContentLengthLong(), request.getInputStream());
    }

    static void write(SwiftResponse answer, HttpServletResponse response) throws IOException {
        answer.headers().forEach(response::setHeader);
        response.setStatus(answer.status());
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        if (answer.contentLength() >= 0) {
            response.setContentLengthLong(answer.contentLength());
        }
        if (answer.body() != null) {
            answer.body().writeTo(response.getOutputStream());
        }
    }
}
