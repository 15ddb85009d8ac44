package io.nubo.objectstore.object;

import io.nubo.objectstore.container.ContainerEntity;
import io.nubo.objectstore.container.ContainerStore;
import io.nubo.objectstore.listing.Lister;
import io.nubo.objectstore.listing.ListingQuery;
import io.nubo.objectstore.storage.BlobStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a GET of an object streams: its own blob, or the segments a large object names. A dynamic large object
 * ({@code X-Object-Manifest: container/prefix}) is the objects under that prefix, in name order, when read; a
 * static one is the list fixed at upload. Both have the quoted MD5 of their segments' ETags as ETag.
 */
@Component
public class LargeObjects {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<SloSegment>> SEGMENTS = new TypeReference<>() {
    };
    private static final int MAX_DLO_SEGMENTS = 10_000;

    private final ContainerStore containers;
    private final ObjectCatalog catalog;
    private final BlobStore blobs;

    public LargeObjects(ContainerStore containers, ObjectCatalog catalog, BlobStore blobs) {
        this.containers = containers;
        this.catalog = catalog;
        this.blobs = blobs;
    }

    public ObjectContent contentOf(String account, ObjectEntity o) {
        return switch (o.getKind()) {
            case PLAIN -> new ObjectContent(List.of(blob(o)), o.getSizeBytes(), o.getEtag());
            case DLO -> dlo(account, o.getManifest());
            case SLO -> slo(account, o.getManifest());
        };
    }

    public SegmentSource blob(ObjectEntity o) {
        String key = o.getBlobKey();
        long size = o.getSizeBytes();
        return new SegmentSource() {
            @Override
            public long length() {
                return size;
            }

            @Override
            public java.io.InputStream open(long offset, long length) throws java.io.IOException {
                return blobs.read(key, offset, length);
            }
        };
    }

    private ObjectContent dlo(String account, String manifest) {
        int slash = manifest.indexOf('/');
        String container = slash < 0 ? manifest : manifest.substring(0, slash);
        String prefix = slash < 0 ? "" : manifest.substring(slash + 1);
        Optional<ContainerEntity> c = containers.container(account, container);
        List<SegmentSource> pieces = new ArrayList<>();
        StringBuilder etags = new StringBuilder();
        long size = 0;
        if (c.isPresent()) {
            long now = java.time.Instant.now().getEpochSecond();
            ListingQuery q = new ListingQuery(prefix, null, null, null, MAX_DLO_SEGMENTS, false);
            for (Lister.Item<ObjectEntity> item : Lister.list(q,
                    (from, reverse, n) -> catalog.page(c.get().getId(), from, reverse, n), ObjectEntity::getName)) {
                ObjectEntity seg = item.row();
                if (seg.expired(now) || seg.getKind() != ObjectKind.PLAIN) {
                    continue;
                }
                pieces.add(blob(seg));
                etags.append(seg.getEtag());
                size += seg.getSizeBytes();
            }
        }
        return new ObjectContent(pieces, size, "\"" + md5(etags.toString()) + "\"");
    }

    private ObjectContent slo(String account, String manifest) {
        List<SloSegment> segments = segments(manifest);
        List<SegmentSource> pieces = new ArrayList<>();
        StringBuilder etags = new StringBuilder();
        long size = 0;
        for (SloSegment s : segments) {
            String[] cAndO = s.name().replaceFirst("^/", "").split("/", 2);
            Optional<ObjectEntity> seg = cAndO.length < 2 ? Optional.empty()
                    : containers.container(account, cAndO[0]).flatMap(c -> catalog.find(c.getId(), cAndO[1]));
            long bytes = s.bytes();
            pieces.add(seg.<SegmentSource>map(this::blob).orElseGet(() -> missing(bytes)));
            etags.append(s.hash());
            size += s.bytes();
        }
        return new ObjectContent(pieces, size, "\"" + md5(etags.toString()) + "\"");
    }

    public static List<SloSegment> segments(String manifest) {
        return JSON.readValue(manifest, SEGMENTS);
    }

    private static SegmentSource missing(long bytes) {
        return new SegmentSource() {
            @Override
            public long length() {
                return bytes;
            }

            @Override
            public java.io.InputStream open(long offset, long length) throws java.io.IOException {
                throw new java.io.IOException("a segment of this static large object is gone");
            }
        };
    }

    public static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
