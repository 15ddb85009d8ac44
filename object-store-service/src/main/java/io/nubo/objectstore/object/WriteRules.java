package io.nubo.objectstore.object;

import io.nubo.objectstore.error.SwiftError;
import io.nubo.objectstore.metadata.MetadataUpdate;
import io.nubo.objectstore.swift.SwiftPath;
import io.nubo.objectstore.swift.SwiftRequest;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.http.MediaTypeFactory;

/** What a PUT or POST of an object says about it besides its bytes: metadata, content type, expiry. */
public final class WriteRules {

    public static final String META = "x-object-meta-";
    /** Headers Swift keeps with an object and returns on GET and HEAD. */
    public static final Set<String> KEPT_HEADERS = Set.of("content-disposition", "content-encoding",
            "content-language", "cache-control", "expires", "x-robots-tag");

    private WriteRules() {
    }

    public static TreeMap<String, String> metadata(SwiftRequest request) {
        return MetadataUpdate.replace(request.headers(), META, KEPT_HEADERS);
    }

    /** The request's metadata over {@code base} (a copy keeps the source's unless told otherwise). */
    public static TreeMap<String, String> metadataOver(Map<String, String> base, SwiftRequest request) {
        return MetadataUpdate.apply(base, request.headers(), META, KEPT_HEADERS, true);
    }

    public static void checkName(String name) {
        if (name.length() > 1024) {
            throw SwiftError.OS_002_BAD_REQUEST.error("Object name length of " + name.length()
                    + " longer than 1024");
        }
    }

    /** The content type sent, or one guessed from the name ({@code X-Detect-Content-Type: true} forces a guess). */
    public static String contentType(SwiftRequest request, String name, String fallback) {
        String sent = request.header("Content-Type");
        boolean detect = "true".equalsIgnoreCase(request.header("X-Detect-Content-Type"));
        if (sent != null && !sent.isBlank() && !detect) {
            return sent.trim();
        }
        if (fallback != null && !detect) {
            return fallback;
        }
        return MediaTypeFactory.getMediaType(name).map(Object::toString).orElse("application/octet-stream");
    }

    /** {@code X-Delete-At} or {@code X-Delete-After} as epoch seconds; {@code current} when neither is sent. */
    public static Long deleteAt(SwiftRequest request, Long current) {
        String after = request.header("X-Delete-After");
        String at = request.header("X-Delete-At");
        long now = Instant.now().getEpochSecond();
        if (after != null) {
            try {
                long seconds = Long.parseLong(after.trim());
                if (seconds < 0) {
                    throw SwiftError.OS_002_BAD_REQUEST.error("X-Delete-After in past");
                }
                return now + seconds;
            } catch (NumberFormatException e) {
                throw SwiftError.OS_002_BAD_REQUEST.error("Non-integer X-Delete-After");
            }
        }
        if (at != null) {
            long when;
            try {
                when = (long) Double.parseDouble(at.trim());
            } catch (NumberFormatException e) {
                throw SwiftError.OS_002_BAD_REQUEST.error("Non-integer X-Delete-At");
            }
            if (when <= now) {
                throw SwiftError.OS_002_BAD_REQUEST.error("X-Delete-At in past");
            }
            return when;
        }
        if (request.header("X-Remove-Delete-At") != null) {
            return null;
        }
        return current;
    }

    /** {@code X-Object-Manifest: container/prefix} (a DLO), or null. */
    public static String dloManifest(SwiftRequest request) {
        String m = request.header("X-Object-Manifest");
        if (m == null) {
            return null;
        }
        String v = SwiftPath.decodeManifest(m.trim());
        if (v.startsWith("/") || !v.contains("/")) {
            throw SwiftError.OS_002_BAD_REQUEST.error("X-Object-Manifest must be in the format container/prefix");
        }
        return v;
    }
}
