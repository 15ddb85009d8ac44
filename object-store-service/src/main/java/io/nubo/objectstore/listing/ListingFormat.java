package io.nubo.objectstore.listing;

import io.nubo.objectstore.swift.QueryParams;
import java.util.Locale;

/** Plain text, JSON or XML, from {@code ?format=} or else the Accept header, as Swift chooses. */
public enum ListingFormat {
    PLAIN("text/plain; charset=utf-8"), JSON("application/json; charset=utf-8"),
    XML("application/xml; charset=utf-8");

    private final String contentType;

    ListingFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    public static ListingFormat of(QueryParams q, String accept) {
        String f = q.get("format");
        if (f != null) {
            return switch (f.toLowerCase(Locale.ROOT)) {
                case "json" -> JSON;
                case "xml" -> XML;
                default -> PLAIN;
            };
        }
        if (accept != null) {
            String a = accept.toLowerCase(Locale.ROOT);
            if (a.contains("application/json")) {
                return JSON;
            }
            if (a.contains("application/xml") || a.contains("text/xml")) {
                return XML;
            }
        }
        return PLAIN;
    }
}
