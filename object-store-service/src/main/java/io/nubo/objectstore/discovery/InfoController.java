package io.nubo.objectstore.discovery;

import com.fasterxml.jackson.annotation.JsonProperty;
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

    @GetMapping("/info")
    public Map<String, Object> info() {
        return Map.of("swift", new Swift("2.30.0", 5_368_709_122L, 128, 256, 90, 4096, 10_000, 10_000, 1024, 256,
                256, 8192, 0, true, List.of(new Policy("Policy-0", true))));
    }
}
