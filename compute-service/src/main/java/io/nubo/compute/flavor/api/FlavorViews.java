package io.nubo.compute.flavor.api;

import io.nubo.compute.wire.Access;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.api.Link;
import java.util.List;
import java.util.Map;

/** Nova's flavor JSON shapes (api-ref compute "Flavors", "Flavors extra-specs", "Flavors access"). */
public final class FlavorViews {

    private FlavorViews() {
    }

    public record Summary(String id, String name, List<Link> links) {
    }

    /** {@code swap} is {@code ""} when the flavor has none, as Nova renders it before 2.75. */
    public record Detail(String id, String name, int ram, int vcpus, Object swap, int disk,
                         @JsonProperty("OS-FLV-EXT-DATA:ephemeral") int ephemeral,
                         @JsonProperty("OS-FLV-DISABLED:disabled") boolean disabled,
                         @JsonProperty("os-flavor-access:is_public") boolean isPublic,
                         @JsonProperty("rxtx_factor") double rxtxFactor,
                         List<Link> links) {
    }

    public record SummaryList(List<Summary> flavors,
                              @JsonProperty("flavors_links") @JsonInclude(JsonInclude.Include.NON_NULL)
                              List<Link> flavorsLinks) {
    }

    public record DetailList(List<Detail> flavors,
                             @JsonProperty("flavors_links") @JsonInclude(JsonInclude.Include.NON_NULL)
                             List<Link> flavorsLinks) {
    }

    public record One(Detail flavor) {
    }

    public record ExtraSpecs(@JsonProperty("extra_specs") Map<String, String> extraSpecs) {
    }

    public record Access(@JsonProperty("flavor_id") String flavorId, @JsonProperty("tenant_id") String tenantId) {
    }

    public record AccessList(@JsonProperty("flavor_access") List<Access> flavorAccess) {
    }
}
