package io.nubo.blockstorage.discovery;

import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.ResourceFilters;
import io.nubo.shared.microversion.Microversions;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Microversion 3.33: {@code GET /v3/{project_id}/resource_filters}, the filters each list accepts from a user who is
 * not an administrator (Cinder's {@code ResourceFiltersController}); {@code resource} names one (an unknown one
 * answers an empty list). Before 3.33 Cinder has no such resource: 404.
 */
@RestController
public class ResourceFilterController {

    public record Filters(String resource, List<String> filters) {
    }

    public record Listing(@com.fasterxml.jackson.annotation.JsonProperty("resource_filters") List<Filters> filters) {
    }

    private final ResourceFilters filters;

    public ResourceFilterController(ResourceFilters filters) {
        this.filters = filters;
    }

    @GetMapping("/v3/{projectId}/resource_filters")
    @Microversions(min = ResourceFilters.RESOURCE_FILTER_CONFIG)
    public Listing list(Caller caller, @RequestParam(required = false) String resource) {
        return new Listing(filters.enabled(resource).entrySet().stream()
                .map(e -> new Filters(e.getKey(), e.getValue())).toList());
    }
}
