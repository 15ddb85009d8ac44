package io.nubo.objectstore.feature;

import io.nubo.objectstore.container.ContainerEntity;
import io.nubo.objectstore.container.ContainerStore;
import io.nubo.objectstore.error.SwiftError;
import io.nubo.objectstore.error.SwiftException;
import io.nubo.objectstore.object.ObjectKind;
import io.nubo.objectstore.object.ObjectUpload;
import io.nubo.objectstore.object.ObjectWriter;
import io.nubo.objectstore.swift.SwiftPath;
import io.nubo.objectstore.swift.SwiftRequest;
import io.nubo.objectstore.swift.SwiftResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaTypeFactory;
import org.springframework.stereotype.Component;

/**
 * Swift's form post: a browser uploads files with a {@code multipart/form-data} POST to
 * {@code /v1/<account>/<container>[/<prefix>]}, authorised by {@code signature}, an HMAC with a Temp-URL key of
 * {@code path\nredirect\nmax_file_size\nmax_file_count\nexpires}. Each file part becomes the object
 * {@code <prefix><filename>}, streamed. The answer is a 303 to {@code redirect} (with {@code status} and
 * {@code message}) or, without one, the status itself.
 */
@Component
public class FormPost {

    private static final int MAX_FIELD = 4096;

    private final ContainerStore containers;
    private final ObjectWriter writer;
    private final TempUrl tempUrl;

    public FormPost(ContainerStore containers, ObjectWriter writer, TempUrl tempUrl) {
        this.containers = containers;
        this.writer = writer;
        this.tempUrl = tempUrl;
    }

    public static boolean requested(SwiftRequest request) {
        return "POST".equals(request.method())
                && MultipartReader.boundaryOf(request.contentType()) != null;
    }

    public SwiftResponse handle(SwiftRequest request) throws IOException {
        SwiftPath p = request.path();
        MultipartReader reader = new MultipartReader(request.body(),
                MultipartReader.boundaryOf(request.contentType()));
        String prefix = p.object() == null ? "" : p.object();
        Map<String, String> fields = new HashMap<>();
        int files = 0;
        String failure = null;
        MultipartReader.Part part;
        while ((part = reader.next()) != null) {
            if (part.filename() == null) {
                byte[] v = part.body().readNBytes(MAX_FIELD);
                fields.put(part.name(), new String(v, StandardCharsets.UTF_8));
                continue;
            }
            if (files == 0) {
                verify(p, fields, request.contextPath());
            }
            if (failure != null || part.filename().isEmpty()) {
                continue;
            }
            files++;
            if (files > number(fields, "max_file_count")) {
                failure = "400 max_file_count exceeded";
                continue;
            }
            failure = store(p, prefix + part.filename(), part, fields);
        }
        if (files == 0) {
            verify(p, fields, request.contextPath());
        }
        return respond(fields.getOrDefault("redirect", ""), failure == null ? "201 Created" : failure);
    }

    private String store(SwiftPath p, String name, MultipartReader.Part part, Map<String, String> fields)
            throws IOException {
        ContainerEntity c = containers.container(p.account(), p.container()).orElse(null);
        if (c == null) {
            return "404 Not Found";
        }
        String type = part.headers().get("content-type");
        if (type == null || type.isBlank()) {
            type = MediaTypeFactory.getMediaType(name).map(Object::toString).orElse("application/octet-stream");
        }
        Long deleteAt = null;
        if (fields.containsKey("x_delete_at")) {
            deleteAt = Long.parseLong(fields.get("x_delete_at").trim());
        } else if (fields.containsKey("x_delete_after")) {
            deleteAt = Instant.now().getEpochSecond() + Long.parseLong(fields.get("x_delete_after").trim());
        }
        long max = number(fields, "max_file_size");
        BoundedPart body = new BoundedPart(part.body(), max);
        try {
            writer.write(c, new ObjectUpload(p.account(), name, body, -1, new ObjectWriter.Description(type,
                    Map.of(), deleteAt, ObjectKind.PLAIN, null, null)));
            return null;
        } catch (SwiftException e) {
            return body.exceeded ? "400 max_file_size exceeded" : e.status().value() + " " + e.getMessage();
        }
    }

    private void verify(SwiftPath p, Map<String, String> fields, String contextPath) {
        long expires;
        try {
            expires = Long.parseLong(fields.getOrDefault("expires", "").trim());
        } catch (NumberFormatException e) {
            throw SwiftError.OS_003_UNAUTHORIZED.error("FormPost: expired not an integer");
        }
        if (expires < Instant.now().getEpochSecond()) {
            throw SwiftError.OS_003_UNAUTHORIZED.error("FormPost: Form Expired");
        }
        String path = "/v1/" + p.account() + "/" + p.container() + (p.object() == null ? "" : "/" + p.object());
        String body = "\n" + fields.getOrDefault("redirect", "") + "\n" + fields.getOrDefault("max_file_size", "")
                + "\n" + fields.getOrDefault("max_file_count", "") + "\n" + fields.getOrDefault("expires", "");
        String sig = fields.getOrDefault("signature", "");
        for (String key : tempUrl.keys(p)) {
            for (String candidate : List.of(path, contextPath + path)) {
                if (TempUrl.matches(sig, key, candidate + body)) {
                    return;
                }
            }
        }
        throw SwiftError.OS_003_UNAUTHORIZED.error("FormPost: Invalid Signature");
    }

    private static long number(Map<String, String> fields, String name) {
        try {
            return Long.parseLong(fields.getOrDefault(name, "").trim());
        } catch (NumberFormatException e) {
            throw SwiftError.OS_002_BAD_REQUEST.error("FormPost: " + name + " not an integer");
        }
    }

    private static SwiftResponse respond(String redirect, String status) {
        int code = Integer.parseInt(status.substring(0, 3));
        String message = status.substring(4);
        if (!redirect.isEmpty()) {
            String sep = redirect.contains("?") ? "&" : "?";
            return SwiftResponse.builder().header("Location", redirect + sep + "status=" + code + "&message="
                    + java.net.URLEncoder.encode(message, StandardCharsets.UTF_8)).empty(303).build();
        }
        return SwiftResponse.builder().status(code).contentType("text/plain; charset=UTF-8").body(status).build();
    }

    /** A part's stream that fails once it passes {@code max_file_size}. */
    private static final class BoundedPart extends java.io.FilterInputStream {
        private final long max;
        private long count;
        boolean exceeded;

        BoundedPart(java.io.InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                if (count > max) {
                    exceeded = true;
                    throw SwiftError.OS_002_BAD_REQUEST.error("max_file_size exceeded");
                }
            }
            return n;
        }
    }
}
