package io.nubo.objectstore.object;

import io.nubo.objectstore.error.SwiftError;
import io.nubo.objectstore.web.QueryParams;
import io.nubo.objectstore.web.SwiftHeaders;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * GET and HEAD of an object: conditional requests ({@code If-Match}, {@code If-None-Match},
 * {@code If-Modified-Since}, {@code If-Unmodified-Since}), single and multiple byte ranges, large objects, and the
 * bytes streamed from the blob store straight to the response.
 */
@Component
public class ObjectDownload {

    private final LargeObjects largeObjects;

    public ObjectDownload(LargeObjects largeObjects) {
        this.largeObjects = largeObjects;
    }

    public void serve(String account, ObjectEntity o, QueryParams q, HttpServletRequest request,
                      HttpServletResponse response) throws IOException {
        boolean head = "HEAD".equals(request.getMethod());
        if (o.getKind() == ObjectKind.SLO && "get".equals(q.get("multipart-manifest"))) {
            manifest(o, head, response);
            return;
        }
        ObjectContent content = largeObjects.contentOf(account, o);
        String etag = content.etag();
        long lastModified = SwiftHeaders.lastModifiedSeconds(o.getModifiedAt());
        writeHeaders(o, etag, lastModified, response);
        if (!conditionsHold(request, etag, lastModified, response)) {
            return;
        }
        long size = content.size();
        List<ByteRanges.Range> ranges = ByteRanges.parse(request.getHeader("Range"), size);
        if (ranges != null && ranges.isEmpty()) {
            response.setHeader("Content-Range", "bytes */" + size);
            throw SwiftError.OS_010_RANGE_NOT_SATISFIABLE.error();
        }
        response.setContentType(o.getContentType());
        if (ranges == null) {
            response.setStatus(200);
            response.setContentLengthLong(size);
            if (!head) {
                content.copyAll(response.getOutputStream());
            }
        } else if (ranges.size() == 1) {
            ByteRanges.Range r = ranges.get(0);
            response.setStatus(206);
            response.setHeader("Content-Range", "bytes " + r.first() + "-" + r.last() + "/" + size);
            response.setContentLengthLong(r.length());
            if (!head) {
                content.copyRange(r.first(), r.last(), response.getOutputStream());
            }
        } else {
            multipart(content, ranges, o.getContentType(), head, response);
        }
    }

    private void multipart(ObjectContent content, List<ByteRanges.Range> ranges, String contentType, boolean head,
                           HttpServletResponse response) throws IOException {
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
        response.setStatus(206);
        response.setContentType("multipart/byteranges;boundary=" + boundary);
        response.setContentLengthLong(length);
        if (head) {
            return;
        }
        OutputStream out = response.getOutputStream();
        for (int i = 0; i < ranges.size(); i++) {
            out.write(heads.get(i));
            content.copyRange(ranges.get(i).first(), ranges.get(i).last(), out);
            out.write(new byte[] {'\r', '\n'});
        }
        out.write(tail);
    }

    private void manifest(ObjectEntity o, boolean head, HttpServletResponse response) throws IOException {
        byte[] body = o.getManifest().getBytes(StandardCharsets.UTF_8);
        writeHeaders(o, o.getEtag(), SwiftHeaders.lastModifiedSeconds(o.getModifiedAt()), response);
        response.setStatus(200);
        response.setContentType("application/json; charset=utf-8");
        response.setContentLength(body.length);
        if (!head) {
            response.getOutputStream().write(body);
        }
    }

    static void writeHeaders(ObjectEntity o, String etag, long lastModified, HttpServletResponse response) {
        response.setHeader("ETag", etag);
        response.setHeader("Last-Modified", SwiftHeaders.httpDate(lastModified));
        response.setHeader("X-Timestamp", SwiftHeaders.timestamp(o.getModifiedAt()));
        response.setHeader("Accept-Ranges", "bytes");
        Map<String, String> meta = ObjectCatalog.metadataOf(o);
        SwiftHeaders.writeMetadata(response, meta);
        if (o.getDeleteAt() != null) {
            response.setHeader("X-Delete-At", Long.toString(o.getDeleteAt()));
        }
        if (o.getKind() == ObjectKind.DLO) {
            response.setHeader("X-Object-Manifest", o.getManifest());
        } else if (o.getKind() == ObjectKind.SLO) {
            response.setHeader("X-Static-Large-Object", "True");
        }
    }

    /** False when a condition answered the request (304 or 412). */
    private static boolean conditionsHold(HttpServletRequest request, String etag, long lastModified,
                                          HttpServletResponse response) {
        String ifMatch = request.getHeader("If-Match");
        if (ifMatch != null && !matches(ifMatch, etag)) {
            throw SwiftError.OS_007_PRECONDITION_FAILED.error();
        }
        Long unmodified = SwiftHeaders.parseHttpDate(request.getHeader("If-Unmodified-Since"));
        if (ifMatch == null && unmodified != null && lastModified > unmodified) {
            throw SwiftError.OS_007_PRECONDITION_FAILED.error();
        }
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null) {
            if (matches(ifNoneMatch, etag)) {
                notModified(response);
                return false;
            }
            return true;
        }
        Long modified = SwiftHeaders.parseHttpDate(request.getHeader("If-Modified-Since"));
        if (modified != null && lastModified <= modified) {
            notModified(response);
            return false;
        }
        return true;
    }

    private static void notModified(HttpServletResponse response) {
        response.setStatus(304);
        response.setContentType("text/html; charset=UTF-8");
        response.setContentLength(0);
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
