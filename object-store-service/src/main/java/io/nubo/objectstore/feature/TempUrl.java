package io.nubo.objectstore.feature;

import io.nubo.objectstore.container.ContainerStore;
import io.nubo.objectstore.error.SwiftError;
import io.nubo.objectstore.metadata.MetadataMap;
import io.nubo.objectstore.swift.QueryParams;
import io.nubo.objectstore.swift.SwiftPath;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Swift's TempURL: {@code temp_url_sig} is an HMAC (SHA-1, SHA-256 or SHA-512, hex or {@code <alg>:<base64>}) of
 * {@code METHOD\nexpires\npath} with an account or container {@code Temp-URL-Key(-2)}. The path may carry the
 * gateway's prefix (clients sign the URL they were given) or not. A {@code temp_url_prefix} signs every object
 * under a prefix.
 */
@Component
public class TempUrl {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "PUT", "POST", "DELETE");

    private final ContainerStore store;

    public TempUrl(ContainerStore store) {
        this.store = store;
    }

    /**
     * The Content-Disposition of a TempURL GET, as Swift's tempurl gives it: {@code inline} (with the
     * {@code filename} if one is asked), or an attachment named by {@code filename} or the object's base name.
     */
    public static String disposition(QueryParams q, String object) {
        String filename = q.get("filename");
        if (q.has("inline")) {
            return filename == null ? "inline" : "inline; filename=\"" + filename.replace("\"", "") + "\"";
        }
        String name = filename != null ? filename : object.substring(object.lastIndexOf('/') + 1);
        return "attachment; filename=\"" + name.replace("\"", "") + "\"";
    }

    public static boolean requested(QueryParams q) {
        return q.has("temp_url_sig") || q.has("temp_url_expires");
    }

    /** Verifies a TempURL request; a bad or expired one is a 401, as in Swift. */
    public void verify(SwiftPath p, QueryParams q, String method, String forwardedPrefix) {
        String sig = q.get("temp_url_sig");
        String expiresRaw = q.get("temp_url_expires");
        if (sig == null || expiresRaw == null || !p.isObject() || !METHODS.contains(method)) {
            throw SwiftError.OS_003_UNAUTHORIZED.error();
        }
        long expires;
        try {
            expires = parseExpires(expiresRaw);
        } catch (RuntimeException e) {
            throw SwiftError.OS_003_UNAUTHORIZED.error();
        }
        if (expires <= Instant.now().getEpochSecond()) {
            throw SwiftError.OS_003_UNAUTHORIZED.error();
        }
        String prefix = q.get("temp_url_prefix");
        String path = "/v1/" + p.account() + "/" + p.container() + "/" + (prefix != null ? prefix : p.object());
        if (prefix != null && !p.object().startsWith(prefix)) {
            throw SwiftError.OS_003_UNAUTHORIZED.error();
        }
        String signedPath = (prefix != null ? "prefix:" : "") + path;
        List<String> keys = keys(p);
        List<String> methods = "HEAD".equals(method) ? List.of("HEAD", "GET", "PUT", "POST") : List.of(method);
        for (String key : keys) {
            for (String m : methods) {
                for (String candidate : candidates(forwardedPrefix, signedPath, prefix != null)) {
                    if (matches(sig, key, m + "\n" + expiresRaw + "\n" + candidate)) {
                        return;
                    }
                }
            }
        }
        throw SwiftError.OS_003_UNAUTHORIZED.error();
    }

    private static List<String> candidates(String forwardedPrefix, String signedPath, boolean isPrefix) {
        List<String> out = new ArrayList<>();
        out.add(signedPath);
        if (forwardedPrefix != null && !forwardedPrefix.isBlank()) {
            out.add(isPrefix ? "prefix:" + forwardedPrefix + signedPath.substring(7)
                    : forwardedPrefix + signedPath);
        }
        return out;
    }

    /** The account's and the container's Temp-URL keys (also what form posts are signed with). */
    public List<String> keys(SwiftPath p) {
        List<String> keys = new ArrayList<>();
        store.account(p.account()).ifPresent(a -> add(keys, MetadataMap.parse(a.getMetadata()), "x-account-meta-"));
        store.container(p.account(), p.container())
                .ifPresent(c -> add(keys, ContainerStore.metadataOf(c), "x-container-meta-"));
        return keys;
    }

    private static void add(List<String> keys, Map<String, String> meta, String prefix) {
        for (String n : List.of("temp-url-key", "temp-url-key-2")) {
            String k = meta.get(prefix + n);
            if (k != null && !k.isEmpty()) {
                keys.add(k);
            }
        }
    }

    static long parseExpires(String raw) {
        if (raw.matches("\\d+")) {
            return Long.parseLong(raw);
        }
        return Instant.parse(raw).getEpochSecond();
    }

    static boolean matches(String sig, String key, String message) {
        if (sig == null) {
            return false;
        }
        String alg;
        byte[] expected;
        int colon = sig.indexOf(':');
        if (colon > 0) {
            alg = switch (sig.substring(0, colon)) {
                case "sha1" -> "HmacSHA1";
                case "sha256" -> "HmacSHA256";
                case "sha512" -> "HmacSHA512";
                default -> null;
            };
            if (alg == null) {
                return false;
            }
            try {
                expected = Base64.getUrlDecoder().decode(sig.substring(colon + 1).replace('+', '-').replace('/', '_')
                        .replace("=", ""));
            } catch (IllegalArgumentException e) {
                return false;
            }
        } else {
            alg = switch (sig.length()) {
                case 40 -> "HmacSHA1";
                case 64 -> "HmacSHA256";
                case 128 -> "HmacSHA512";
                default -> null;
            };
            if (alg == null || !sig.matches("[0-9a-fA-F]+")) {
                return false;
            }
            expected = HexFormat.of().parseHex(sig.toLowerCase(java.util.Locale.ROOT));
        }
        try {
            Mac mac = Mac.getInstance(alg);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), alg));
            return MessageDigest.isEqual(expected, mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }
}
