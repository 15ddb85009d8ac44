package io.nubo.objectstore.swift;

import io.nubo.objectstore.error.SwiftError;
import java.nio.charset.StandardCharsets;
import org.springframework.web.util.UriUtils;

/**
 * {@code /v1/<account>[/<container>[/<object>]]}, parsed from the raw request path (an object name may hold
 * slashes and anything else percent-encoded). Container and object are null when absent.
 */
public record SwiftPath(String account, String container, String object) {

    public static final int MAX_CONTAINER_NAME = 256;
    public static final int MAX_OBJECT_NAME = 1024;

    public static SwiftPath parse(String rawPath) {
        if (!rawPath.startsWith("/v1/")) {
            throw SwiftError.OS_001_NOT_FOUND.error();
        }
        String rest = rawPath.substring(4);
        String[] parts = rest.split("/", 3);
        String account = decode(parts[0]);
        if (account.isEmpty()) {
            throw SwiftError.OS_001_NOT_FOUND.error();
        }
        String container = parts.length > 1 && !parts[1].isEmpty() ? decode(parts[1]) : null;
        String object = parts.length > 2 && !parts[2].isEmpty() ? decode(parts[2]) : null;
        if (container == null && object != null) {
            throw SwiftError.OS_001_NOT_FOUND.error();
        }
        // a dot segment names no container: clients and proxies resolve it away, so it must never be stored
        if (account.equals(".") || account.equals("..") || ".".equals(container) || "..".equals(container)) {
            throw SwiftError.OS_002_BAD_REQUEST.error("Invalid path: '.' and '..' are not account or container names");
        }
        return new SwiftPath(account, container, object);
    }

    /** An {@code X-Object-Manifest} value, which clients may send percent-encoded. */
    public static String decodeManifest(String s) {
        return decode(s);
    }

    static String decode(String s) {
        try {
            return UriUtils.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw SwiftError.OS_002_BAD_REQUEST.error("Invalid UTF8 or contains NULL");
        }
    }

    /** The project an {@code AUTH_<project>} account belongs to, or null for any other account name. */
    public String projectId() {
        return account.startsWith("AUTH_") ? account.substring(5) : null;
    }

    public boolean isAccount() {
        return container == null;
    }

    public boolean isContainer() {
        return container != null && object == null;
    }

    public boolean isObject() {
        return object != null;
    }
}
