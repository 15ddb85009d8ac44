package io.nubo.compute.image.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.api.Link;
import java.util.List;
import java.util.Map;

/** Nova's images API (the 2.1 proxy to the image service): its wire shapes. */
public final class ImageViews {

    private ImageViews() {
    }

    public record Basic(String id, String name, List<Link> links) {
    }

    public record ServerRef(String id, List<Link> links) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(String id, String name, @JsonProperty("minRam") int minRam,
                         @JsonProperty("minDisk") int minDisk, Map<String, String> metadata, String created,
                         String updated, String status, int progress,
                         @JsonProperty("OS-EXT-IMG-SIZE:size") Long size, List<Link> links, ServerRef server,
                         @JsonProperty("OS-DCF:diskConfig") String diskConfig) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BasicList(List<Basic> images, @JsonProperty("images_links") List<Link> imagesLinks) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DetailList(List<Detail> images, @JsonProperty("images_links") List<Link> imagesLinks) {
    }

    public record One(Detail image) {
    }

    public record Metadata(Map<String, String> metadata) {
    }

    public record Meta(Map<String, String> meta) {
    }
}
