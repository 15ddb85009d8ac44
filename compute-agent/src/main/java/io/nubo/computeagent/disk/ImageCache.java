package io.nubo.computeagent.disk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Base images, fetched once per host from the image service and checked against their {@code os_hash_value}
 * before anyone uses them (Nova's {@code _base}). Concurrent spawns of one image wait for one download. Files are
 * world-readable: qemu runs as its own user and reads them through the guests' overlays.
 */
public final class ImageCache {

    private final Path dir;
    private final ImageService images;
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    public ImageCache(Path dir, ImageService images) {
        this.dir = dir;
        this.images = images;
    }

    /** The cached data of {@code imageId}, downloaded now if missing; the hash given is checked when not null. */
    public Path fetch(String imageId, String hashAlgo, String hashValue) {
        if (imageId == null || !imageId.matches("[A-Za-z0-9._-]+")) {
            throw new DiskException("image id " + imageId + " is not valid");
        }
        Path file = dir.resolve(imageId);
        if (Files.exists(file)) {
            return file;
        }
        synchronized (locks.computeIfAbsent(imageId, k -> new Object())) {
            if (Files.exists(file)) {
                return file;
            }
            String algo = hashAlgo;
            String expected = hashValue;
            if (expected == null) {
                ImageService.ImageRecord r = images.show(imageId);
                if (!"active".equals(r.status())) {
                    throw new DiskException("image " + imageId + " is " + r.status() + ", not active: it has no data");
                }
                algo = r.hashAlgo();
                expected = r.hashValue();
            }
            download(imageId, file, algo, expected);
            return file;
        }
    }

    private void download(String imageId, Path file, String algo, String expected) {
        Path part = dir.resolve(imageId + ".part");
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            MessageDigest digest = digest(algo);
            try (InputStream in = images.download(imageId);
                 DigestInputStream d = new DigestInputStream(in, digest == null ? MessageDigest.getInstance("SHA-512")
                         : digest);
                 OutputStream out = Files.newOutputStream(part)) {
                d.transferTo(out);
                String actual = HexFormat.of().formatHex(d.getMessageDigest().digest());
                if (digest != null && expected != null && !actual.equalsIgnoreCase(expected)) {
                    throw new DiskException("image " + imageId + " is corrupt: its data's " + algo + " is " + actual
                            + ", the image service recorded " + expected);
                }
            }
            Files.setPosixFilePermissions(part, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DiskException("cannot store image " + imageId + " in the image cache " + dir + ": "
                    + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // a leftover .part is overwritten next time
            }
        }
    }

    private static MessageDigest digest(String algo) throws NoSuchAlgorithmException {
        if (algo == null) {
            return null;
        }
        return switch (algo.toLowerCase(Locale.ROOT)) {
            case "sha512" -> MessageDigest.getInstance("SHA-512");
            case "sha384" -> MessageDigest.getInstance("SHA-384");
            case "sha256" -> MessageDigest.getInstance("SHA-256");
            case "md5" -> MessageDigest.getInstance("MD5");
            default -> throw new DiskException("image hash algorithm " + algo + " is not supported");
        };
    }

    /** The image service the cache fetches from (for an image's record and locations). */
    public ImageService images() {
        return images;
    }

    /** True when the image's data is in the cache. */
    public boolean holds(String imageId) {
        return imageId != null && imageId.matches("[A-Za-z0-9._-]+") && Files.exists(dir.resolve(imageId));
    }

    public Path dir() {
        return dir;
    }
}
