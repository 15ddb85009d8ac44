package io.nubo.identity.catalog;


import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.identity.api.Links;
import io.nubo.identity.error.IdentityError;
import io.nubo.shared.api.Link;
import java.util.List;

/** Keystone's JSON shapes for regions, services and endpoints, requests and responses. */
public final class CatalogViews {

    private CatalogViews() {
    }

    public record SelfLink(String self) {
    }

    /** Response root wrappers: {@code {"region": {...}}}, {@code {"regions": [...], "links": {...}}}, and so on. */
    public record RegionResponse(Region region) {
    }

    public record Regions(List<Region> regions, Links links) {
    }

    public record ServiceResponse(Service service) {
    }

    public record Services(List<Service> services, Links links) {
    }

    public record EndpointResponse(Endpoint endpoint) {
    }

    public record Endpoints(List<Endpoint> endpoints, Links links) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Region(String id, String description, @JsonProperty("parent_region_id") String parentRegionId,
                         SelfLink links) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Service(String id, String type, String name, String description, boolean enabled, SelfLink links) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Endpoint(String id, @JsonProperty("interface") String iface, String region,
                           @JsonProperty("region_id") String regionId, @JsonProperty("service_id") String serviceId,
                           String url, boolean enabled, SelfLink links) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RegionInput(String id, String description, @JsonProperty("parent_region_id") String parentRegionId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RegionBody(RegionInput region) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ServiceInput(String type, String name, String description, Boolean enabled) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ServiceBody(ServiceInput service) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EndpointInput(@JsonProperty("service_id") String serviceId, @JsonProperty("interface") String iface,
                                @JsonProperty("region_id") String regionId, String region, String url,
                                @JsonProperty("enabled") Object enabledGiven) {
        EndpointInput(String serviceId, String iface, String regionId, String region, String url, Boolean enabled) {
            this(serviceId, iface, regionId, region, url, (Object) enabled);
        }

        /** Keystone's schema wants a JSON boolean: "False" or 0 is a 400. */
        Boolean enabled() {
            if (enabledGiven == null || enabledGiven instanceof Boolean) {
                return (Boolean) enabledGiven;
            }
            throw IdentityError.VALIDATION.exception("enabled", enabledGiven + " is not of type 'boolean'");
        }

        /** Keystone accepts the region as {@code region_id} or, the older way, {@code region}. */
        String regionRef() {
            return regionId != null ? regionId : region;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EndpointBody(EndpointInput endpoint) {
    }

    private static SelfLink link(String collection, String id) {
        return new SelfLink(Link.href("/v3/" + collection + "/" + id));
    }

    public static Region region(RegionEntity r) {
        return new Region(r.getId(), r.getDescription() == null ? "" : r.getDescription(), r.getParentRegionId(),
                link("regions", r.getId()));
    }

    public static Service service(ServiceEntity s) {
        return new Service(s.getId(), s.getType(), s.getName(), s.getDescription() == null ? "" : s.getDescription(),
                s.isEnabled(), link("services", s.getId()));
    }

    public static Endpoint endpoint(EndpointEntity e) {
        return new Endpoint(e.getId(), e.getInterface(), e.getRegionId(), e.getRegionId(), e.getServiceId(),
                e.getUrl(), e.isEnabled(), link("endpoints", e.getId()));
    }
}
