package io.nubo.computeagent.support;

import io.nubo.computeagent.disk.ImageService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An image service holding images in memory, for tests of the agent without the real one; counts downloads. */
public final class LocalImageService implements ImageService {

    private final Map<String, byte[]> data = new ConcurrentHashMap<>();
    private final Map<String, String> formats = new ConcurrentHashMap<>();
    public final Map<String, byte[]> uploads = new ConcurrentHashMap<>();
    public final AtomicInteger downloads = new AtomicInteger();
    private final Map<String, java.util.List<String>> locations = new ConcurrentHashMap<>();

    /**
     * An image whose data the image service keeps elsewhere (an RBD store: {@code rbd://fsid/pool/image/snap}):
     * its record shows the location; its data is not here, so a download fails the test.
     */
    public void addAt(String id, String diskFormat, long size, String location) {
        data.put(id, new byte[0]);
        formats.put(id, diskFormat);
        locations.put(id, java.util.List.of(location));
        sizes.put(id, size);
    }

    private final Map<String, Long> sizes = new ConcurrentHashMap<>();

    public String add(String id, String diskFormat, byte[] bytes) {
        data.put(id, bytes);
        formats.put(id, diskFormat);
        return sha512(bytes);
    }

    public String add(String id, String diskFormat, Path file) {
        try {
            return add(id, diskFormat, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha512(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ImageRecord show(String imageId) {
        byte[] b = data.get(imageId);
        if (b == null) {
            throw new ImageNotFoundException(imageId);
        }
        return new ImageRecord(imageId, "active", formats.get(imageId), sizes.getOrDefault(imageId, (long) b.length),
                "sha512", sha512(b), locations.getOrDefault(imageId, java.util.List.of()));
    }

    @Override
    public InputStream download(String imageId) {
        byte[] b = data.get(imageId);
        if (b == null) {
            throw new ImageNotFoundException(imageId);
        }
        downloads.incrementAndGet();
        if (locations.containsKey(imageId)) {
            throw new AssertionError("image " + imageId + " is in RBD: the agent was to clone it, not download it");
        }
        return new ByteArrayInputStream(b);
    }

    /** The user token each upload or delete came with ({@code "-"} for none). */
    public final Map<String, String> tokens = new ConcurrentHashMap<>();
    public final java.util.Set<String> deleted = ConcurrentHashMap.newKeySet();

    @Override
    public void upload(String imageId, Path file, String userToken) {
        tokens.put(imageId, userToken == null ? "-" : userToken);
        try {
            uploads.put(imageId, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String imageId, String userToken) {
        tokens.put(imageId, userToken == null ? "-" : userToken);
        uploads.remove(imageId);
        deleted.add(imageId);
    }
}
