package io.nubo.blockstorage.request;

import java.util.Map;

/** The metadata bodies volumes and snapshots share: {@code {"metadata": {...}}} and {@code {"meta": {k: v}}}. */
public final class MetadataBodies {

    private MetadataBodies() {
    }

    public record Metadata(Map<String, String> metadata) {
    }

    public record Meta(Map<String, String> meta) {
    }
}
