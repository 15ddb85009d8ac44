package io.nubo.objectstore.object;

import io.nubo.objectstore.error.SwiftError;
import io.nubo.objectstore.error.SwiftException;
import io.nubo.objectstore.swift.SwiftHeaders;
import io.nubo.objectstore.swift.SwiftRequest;
import io.nubo.objectstore.swift.SwiftResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * GET and HEAD of an object: conditional requests ({@code If-Match}, {@code If-None-Match},
 * {@code If-Modified-Since}, {@code If-Unmodified-Since}), single and multiple byte ranges, large objects, and the
 * bytes streamed from the blob store straight to the response (the answer's body writes them when the web edge
 * sends it).
 */
@Component
public class ObjectDownload {

    private final LargeObjects largeObjects;

    public ObjectDownload(LargeObjects largeObjects) {
        this.largeObjects = largeObjects;
    }

    /** The answer to a GET or HEAD of {@code o}, on top of what {@code response} already holds. */
    public SwiftResponse serve(String account, ObjectEntity o, SwiftRequest request, SwiftResponse.Builder response)
            throws IOException {
        boolean head = request.isHead();
        if (o.getKind() == ObjectKind.SLO && "get".equals(request.query().get("multipart-manifest"))) {
            return manifest(o, head, response);
        }
        ObjectContent content = largeObjects.contentOf(account, o);
        String etag = content.etag();
        long lastModified = SwiftHeaders.lastModifiedSeconds(o.getModifiedAt());
        writeHeaders(o, etag, lastModified, response);
        try {
            return body(o, content, etag, lastModified, request, response);
        } catch (SwiftException e) {
            throw e.withHeaders(response.headersSoFar());
        }
    }

    private SwiftResponse body(ObjectEntity o, ObjectContent content, String etag, long lastModified,
                               SwiftRequest request, SwiftResponse.Builder response) {
        boolean head = request.isHead();
        if (!conditionsHold(request, etag, lastModified)) {
            return notModified(response);
        }
        long size = content.size();
        List<ByteRanges.Range> ranges = ByteRanges.parse(request.header("Range"), size);
        if (ranges != null && ranges.isEmpty()) {
            throw SwiftError.OS_010_RANGE_NOT_SATISFIABLE.error().withHeader("Content-Range", "bytes */" + size);
        }
        response.contentType(o.getContentType());
        if (ranges == null) {
            response.status(200).contentLength(size);
            if (!head) {
                response.streamed(content::copyAll);
            }
        } else if (ranges.size() == 1) {
            ByteRanges.Range r = ranges.get(0);
            response.status(206).header("Content-Range", "bytes " + r.first() + "-" + r.last() + "/" + size)
                    .contentLength(r.length());
            if (!head) {
                response.streamed(out -> content.copyRange(r.first(), r.last(), out));
            }
        } else {
            multipart(content, ranges, o.getContentType(), head, response);
        }
        return response.build();
    }

    private void multipart(ObjectContent content, List<ByteRanges.Range> ranges, String contentType, boolean head,
                           SwiftResponse.Builder response) {
        String boundary = UUID.randomUUID().toString().replace("-", "");
        List<byte[]> heads = new ArrayList<>();
        long length = 0;
        for (ByteRanges.Range r : ranges) {
            byte[] h = ("--" + boundary + "\r\nContent-Type: " + contentType + "\r\nContent-Range: bytes " + r.first()
                    + "-" + r.last() + "/" + content.size() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            heads.add(h);
            length += h.length + r.length() + 2;
        }
        byte[] tail = ("--" + boundary + "--").getBytes(StandardCharsets.UTF_8);
        length += tail.length;
        response.status(206).contentType("multipart/byteranges;boundary=" + boundary).contentLength(length);
        if (head) {
            return;
        }
        response.streamed(out -> {
            for (int i = 0; i < ranges.size(); i++) {
                out.write(heads.get(i));
                content.copyRange(ranges.get(i).first(), ranges.get(i).last(), out);
                out.write(new byte[] {'\r', '\n'});
            }
            out.write(tail);
        });
    }

    private SwiftResponse manifest(ObjectEntity o, boolean head, SwiftResponse.Builder response) {
        byte[] body = o.getManifest().getBytes(StandardCharsets.UTF_8);
        writeHeaders(o, o.getEtag(), SwiftHeaders.lastModifiedSeconds(o.getModifiedAt()), response);
        response.status(200).contentType("application/json; charset=utf-8");
        if (head) {
            response.contentLength(body.length);
        } else {
            response.body(body);
        }
        return response.build();
    }

    static void writeHeaders(ObjectEntity o, String etag, long lastModified, SwiftResponse.Builder response) {
        response.header("ETag", etag);
        response.header("Last-Modified", SwiftHeaders.httpDate(lastModified));
        response.header("X-Timestamp", SwiftHeaders.timestamp(o.getModifiedAt()));
        response.header("Accept-Ranges", "bytes");
        Map<String, String> meta = ObjectCatalog.metadataOf(o);
        response.metadata(meta);
        if (o.getDeleteAt() != null) {
            response.header("X-Delete-At", Long.toString(o.getDeleteAt()));
        }
        if (o.getKind() == ObjectKind.DLO) {
            response.header("X-Object-Manifest", o.getManifest());
        } else if (o.getKind() == ObjectKind.SLO) {
            response.header("X-Static-Large-Object", "True");
        }
    }

    /** False when a condition answers the request with a 304; a failed precondition is a 412. */
    private static boolean conditionsHold(SwiftRequest request, String etag, long lastModified) {
        String ifMatch = request.header("If-Match");
        if (ifMatch != null && !matches(ifMatch, etag)) {
            throw SwiftError.OS_007_PRECONDITION_FAILED.error();
        }
        Long unmodified = SwiftHeaders.parseHttpDate(request.header("If-Unmodified-Since"));
        if (ifMatch == null && unmodified != null && lastModified > unmodified) {
            throw SwiftError.OS_007_PRECONDITION_FAILED.error();
        }
        String ifNoneMatch = request.header("If-None-Match");
        if (ifNoneMatch != null) {
            return !matches(ifNoneMatch, etag);
        }
        Long modified = SwiftHeaders.parseHttpDate(request.header("If-Modified-Since"));
        return modified == null || lastModified > modified;
    }

    private static SwiftResponse notModified(SwiftResponse.Builder response) {
        return response.empty(304).build();
    }

    static boolean matches(String header, String etag) {
        String bare = etag.replace("\"", "");
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.replace("\"", "").equals(bare)) {
                return true;
            }
        }
        return false;
    }
}
