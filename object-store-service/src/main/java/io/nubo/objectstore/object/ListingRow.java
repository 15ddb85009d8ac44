package io.nubo.objectstore.object;

import java.time.Instant;

/** What a container listing shows of an object, read without loading the whole row. */
public record ListingRow(String name, String etag, long sizeBytes, String contentType, Instant modifiedAt,
                         Long deleteAt) {

    public boolean expired(long nowEpochSeconds) {
        return ObjectEntity.expired(deleteAt, nowEpochSeconds);
    }
}
