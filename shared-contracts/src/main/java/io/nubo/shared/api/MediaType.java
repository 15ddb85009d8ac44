package io.nubo.shared.api;

/** An entry of a version document's {@code media-types}. */
public record MediaType(String base, String type) {
}
