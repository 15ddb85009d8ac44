package io.nubo.blockstorage.volume;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Microversion 3.15: the Etag of a volume's metadata as Cinder computes it, the MD5 (hex) of
 * {@code {"metadata": {...}}} written as Python's {@code json.dumps} writes it ({@code ", "} and {@code ": "}
 * separators, non-ASCII escaped), the pairs in the order given (the metadata views sort them by key).
 */
final class MetadataEtag {

    private MetadataEtag() {
    }

    static String of(Map<String, String> metadata) {
        StringBuilder b = new StringBuilder("{\"metadata\": {");
        String sep = "";
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            b.append(sep);
            quote(b, e.getKey());
            b.append(": ");
            quote(b, e.getValue());
            sep = ", ";
        }
        b.append("}}");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void quote(StringBuilder b, String s) {
        b.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7f) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
