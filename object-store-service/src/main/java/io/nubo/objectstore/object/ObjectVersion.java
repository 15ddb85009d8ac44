package io.nubo.objectstore.object;

import java.time.Instant;
import java.util.Map;

/** What a write makes an object: everything of its row except identity. */
public record ObjectVersion(String blobKey, long size, String etag, String contentType, Instant modifiedAt,
                            Long deleteAt, ObjectKind kind, String manifest, Map<String, String> metadata) {
}
