package io.nubo.objectstore.discovery;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Swift's capabilities, {@code GET /info} (public): what swiftclient and Tempest read the limits from. */
@RestController
public class InfoController {

    public record Policy(String name, @JsonProperty("default") boolean isDefault) {
    }

    public record Swift(String version,
                        @JsonProperty("max_file_size") long maxFileSize,
                        @JsonProperty("max_meta_name_length") int maxMetaNameLength,
                        @JsonProperty("max_meta_value_length") int maxMetaValueLength,
                        @JsonProperty("max_meta_count") int maxMetaCount,
                        @JsonProperty("max_meta_overall_size") int maxMetaOverallSize,
                        @JsonProperty("container_listing_limit") int containerListingLimit,
                        @JsonProperty("account_listing_limit") int accountListingLimit,
                        @JsonProperty("max_object_name_length") int maxObjectNameLength,
                        @JsonProperty("max_container_name_length") int maxContainerNameLength,
                        @JsonProperty("max_account_name_length") int maxAccountNameLength,
                        @JsonProperty("max_header_size") int maxHeaderSize,
                        @JsonProperty("extra_header_count") int extraHeaderCount,
                        @JsonProperty("strict_cors_mode") boolean strictCorsMode,
                        List<Policy> policies) {
    }

    /**
     * Exactly the middlewares this service implements: clients and Tempest decide from these keys what to use
     * and to test.
     */
    @GetMapping("/info")
    public Map<String, Object> info() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("swift", new Swift("2.30.0", 5_368_709_122L, 128, 256,
                io.nubo.objectstore.metadata.MetadataUpdate.MAX_COUNT, 4096, 10_000, 10_000, 1024, 256,
                256, 8192, 0, true, List.of(new Policy("Policy-0", true))));
        info.put("tempurl", Map.of("methods", List.of("GET", "HEAD", "PUT", "POST", "DELETE"),
                "allowed_digests", List.of("sha1", "sha256", "sha512")));
        info.put("slo", Map.of("max_manifest_segments", 1000, "max_manifest_size", 8_388_608,
                "min_segment_size", 1, "yield_frequency", 10));
        info.put("dlo", Map.of("max_segments", 10_000));
        info.put("bulk_delete", Map.of("max_deletes_per_request", 10_000, "max_failed_deletes", 1000));
        info.put("bulk_upload", Map.of("max_containers_per_extraction", 10_000, "max_failed_extractions", 1000));
        info.put("account_quotas", Map.of());
        info.put("container_quotas", Map.of());
        info.put("crossdomain", Map.of());
        info.put("formpost", Map.of());
        info.put("staticweb", Map.of());
        return info;
    }
}
