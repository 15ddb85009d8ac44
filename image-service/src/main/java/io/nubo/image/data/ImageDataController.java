package io.nubo.image.data;

import io.nubo.image.image.ImageAccess;
import io.nubo.image.image.ImageEntity;
import io.nubo.image.image.ImageStatus;
import io.nubo.image.store.ImageStore;
import io.nubo.image.store.ImageStores;
import io.nubo.image.web.Caller;
import io.nubo.image.web.ImageError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/** Image data: upload ({@code PUT /file}), staging ({@code PUT /stage}) and download with ranges, all streamed. */
@RestController
public class ImageDataController {

    private static final int BUFFER = 1 << 20;

    private final ImageUploads uploads;
    private final ImageAccess access;
    private final ImageStores stores;

    public ImageDataController(ImageUploads uploads, ImageAccess access, ImageStores stores) {
        this.uploads = uploads;
        this.access = access;
        this.stores = stores;
    }

    @PutMapping("/v2/images/{id}/file")
    public ResponseEntity<Void> upload(Caller caller,
                                       @PathVariable String id, HttpServletRequest request) throws IOException {
        requireOctetStream(request);
        uploads.upload(id, caller, request.getInputStream(), request.getContentLengthLong());
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/v2/images/{id}/stage")
    public ResponseEntity<Void> stage(Caller caller,
                                      @PathVariable String id, HttpServletRequest request) throws IOException {
        requireOctetStream(request);
        uploads.stage(id, caller, request.getInputStream(), request.getContentLengthLong());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/v2/images/{id}/file")
    public void download(Caller caller,
                         @PathVariable String id, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ImageEntity image = access.visible(id, caller);
        if (image.getStatus() == ImageStatus.DEACTIVATED && !caller.admin()) {
            throw ImageError.FORBIDDEN.exception("The requested image has been deactivated. "
                    + "Image data download is forbidden.");
        }
        if (image.getStatus() != ImageStatus.ACTIVE && image.getStatus() != ImageStatus.DEACTIVATED
                || image.getLocation() == null) {
            response.setStatus(HttpStatus.NO_CONTENT.value());
            return;
        }
        ImageStore store = stores.byId(image.getStoreName());
        if (store == null) {
            throw ImageError.STORE_FAILURE.exception("find store '" + image.getStoreName() + "'");
        }
        long size = image.getSize();
        ByteRange range = ByteRange.parse(request.getHeader(HttpHeaders.RANGE),
                request.getHeader(HttpHeaders.CONTENT_RANGE), size);
        InputStream in;
        try {
            in = range == null ? store.read(image.getLocation(), 0, -1)
                    : store.read(image.getLocation(), range.first(), range.length());
        } catch (NoSuchFileException e) {
            throw ImageError.NOT_FOUND.exception("Image data for image " + id + " is not in store "
                    + store.id() + ".");
        }
        try (in) {
            response.setContentType("application/octet-stream");
            if (range == null) {
                response.setStatus(HttpStatus.OK.value());
                response.setContentLengthLong(size);
                if (image.getChecksum() != null) {
                    response.setHeader("Content-MD5", image.getChecksum());
                }
            } else {
                response.setStatus(HttpStatus.PARTIAL_CONTENT.value());
                response.setContentLengthLong(range.length());
                response.setHeader(HttpHeaders.CONTENT_RANGE, range.contentRange(size));
            }
            OutputStream out = response.getOutputStream();
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
            out.flush();
        }
    }

    private static void requireOctetStream(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/octet-stream")) {
            throw ImageError.UNSUPPORTED_MEDIA_TYPE.exception("The media type " + type
                    + " is not supported for image data, use application/octet-stream.");
        }
    }
}
