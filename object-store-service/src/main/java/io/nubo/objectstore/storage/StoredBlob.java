package io.nubo.objectstore.storage;

/** A blob that is completely written: its key, its size and the hex MD5 of its bytes (Swift's ETag). */
public record StoredBlob(String key, long size, String md5) {
}
