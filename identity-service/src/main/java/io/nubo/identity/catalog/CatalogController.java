package io.nubo.identity.catalog;

import io.nubo.identity.error.IdentityError;
import io.nubo.identity.api.Links;
import io.nubo.shared.validation.ValidatedBody;
import io.nubo.shared.policy.Policy;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v3/regions}, {@code /v3/services}, {@code /v3/endpoints}: the catalog, managed by administrators. */
@RestController
public class CatalogController {

    private final CatalogAdmin admin;
    private final RegionRepository regions;
    private final ServiceRepository services;
    private final EndpointRepository endpoints;

    public CatalogController(CatalogAdmin admin, RegionRepository regions, ServiceRepository services,
                             EndpointRepository endpoints) {
        this.admin = admin;
        this.regions = regions;
        this.services = services;
        this.endpoints = endpoints;
    }

    @GetMapping("/v3/regions")
    @Policy("identity:list_regions")
    public CatalogViews.Regions regions(@RequestParam(value = "parent_region_id", required = false) String parent) {
        return new CatalogViews.Regions(regions.findAll().stream()
                .filter(r -> parent == null || parent.equals(r.getParentRegionId()))
                .map(CatalogViews::region).toList(), Links.ofCurrentRequest());
    }

    @PostMapping("/v3/regions")
    @ValidatedBody("identity/region-create.json")
    @Policy("identity:create_region")
    public ResponseEntity<CatalogViews.RegionResponse> createRegion(@RequestBody CatalogViews.RegionBody body) {
        RegionEntity r = admin.createRegion(null, required(body.region(), "region"));
        return ResponseEntity.status(HttpStatus.CREATED).body(new CatalogViews.RegionResponse(CatalogViews.region(r)));
    }

    @PutMapping("/v3/regions/{id}")
    @ValidatedBody("identity/region-create.json")
    @Policy("identity:create_region")
    public ResponseEntity<CatalogViews.RegionResponse> createRegionWithId(@PathVariable String id,
                                                                  @RequestBody CatalogViews.RegionBody body) {
        RegionEntity r = admin.createRegion(id, required(body.region(), "region"));
        return ResponseEntity.status(HttpStatus.CREATED).body(new CatalogViews.RegionResponse(CatalogViews.region(r)));
    }

    @GetMapping("/v3/regions/{id}")
    @Policy("identity:get_region")
    public CatalogViews.RegionResponse region(@PathVariable String id) {
        return new CatalogViews.RegionResponse(CatalogViews.region(admin.region(id)));
    }

    @PatchMapping("/v3/regions/{id}")
    @ValidatedBody("identity/region-update.json")
    @Policy("identity:update_region")
    public CatalogViews.RegionResponse updateRegion(@PathVariable String id, @RequestBody CatalogViews.RegionBody body) {
        return new CatalogViews.RegionResponse(CatalogViews.region(admin.updateRegion(id, required(body.region(), "region"))));
    }

    @DeleteMapping("/v3/regions/{id}")
    @Policy("identity:delete_region")
    public ResponseEntity<Void> deleteRegion(@PathVariable String id) {
        admin.deleteRegion(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/v3/services")
    @Policy("identity:list_services")
    public CatalogViews.Services services(@RequestParam(required = false) String type,
                                        @RequestParam(required = false) String name) {
        return new CatalogViews.Services(services.findAll().stream()
                .filter(s -> type == null || type.equals(s.getType()))
                .filter(s -> name == null || Objects.equals(name, s.getName()))
                .map(CatalogViews::service).toList(), Links.ofCurrentRequest());
    }

    @PostMapping("/v3/services")
    @ValidatedBody("identity/service-create.json")
    @Policy("identity:create_service")
    public ResponseEntity<CatalogViews.ServiceResponse> createService(@RequestBody CatalogViews.ServiceBody body) {
        ServiceEntity s = admin.createService(required(body.service(), "service"));
        return ResponseEntity.status(HttpStatus.CREATED).body(new CatalogViews.ServiceResponse(CatalogViews.service(s)));
    }

    @GetMapping("/v3/services/{id}")
    @Policy("identity:get_service")
    public CatalogViews.ServiceResponse service(@PathVariable String id) {
        return new CatalogViews.ServiceResponse(CatalogViews.service(admin.service(id)));
    }

    @PatchMapping("/v3/services/{id}")
    @ValidatedBody("identity/service-update.json")
    @Policy("identity:update_service")
    public CatalogViews.ServiceResponse updateService(@PathVariable String id, @RequestBody CatalogViews.ServiceBody body) {
        return new CatalogViews.ServiceResponse(CatalogViews.service(admin.updateService(id, required(body.service(), "service"))));
    }

    @DeleteMapping("/v3/services/{id}")
    @Policy("identity:delete_service")
    public ResponseEntity<Void> deleteService(@PathVariable String id) {
        admin.deleteService(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/v3/endpoints")
    @Policy("identity:list_endpoints")
    public CatalogViews.Endpoints endpoints(@RequestParam(value = "interface", required = false) String iface,
                                         @RequestParam(value = "service_id", required = false) String serviceId,
                                         @RequestParam(value = "region_id", required = false) String regionId) {
        return new CatalogViews.Endpoints(endpoints.findAll().stream()
                .filter(e -> iface == null || iface.equals(e.getInterface()))
                .filter(e -> serviceId == null || serviceId.equals(e.getServiceId()))
                .filter(e -> regionId == null || regionId.equals(e.getRegionId()))
                .map(CatalogViews::endpoint).toList(), Links.ofCurrentRequest());
    }

    @PostMapping("/v3/endpoints")
    @ValidatedBody("identity/endpoint-create.json")
    @Policy("identity:create_endpoint")
    public ResponseEntity<CatalogViews.EndpointResponse> createEndpoint(@RequestBody CatalogViews.EndpointBody body) {
        EndpointEntity e = admin.createEndpoint(required(body.endpoint(), "endpoint"));
        return ResponseEntity.status(HttpStatus.CREATED).body(new CatalogViews.EndpointResponse(CatalogViews.endpoint(e)));
    }

    @GetMapping("/v3/endpoints/{id}")
    @Policy("identity:get_endpoint")
    public CatalogViews.EndpointResponse endpoint(@PathVariable String id) {
        return new CatalogViews.EndpointResponse(CatalogViews.endpoint(admin.endpoint(id)));
    }

    @PatchMapping("/v3/endpoints/{id}")
    @ValidatedBody("identity/endpoint-update.json")
    @Policy("identity:update_endpoint")
    public CatalogViews.EndpointResponse updateEndpoint(@PathVariable String id, @RequestBody CatalogViews.EndpointBody body) {
        return new CatalogViews.EndpointResponse(CatalogViews.endpoint(admin.updateEndpoint(id, required(body.endpoint(), "endpoint"))));
    }

    @DeleteMapping("/v3/endpoints/{id}")
    @Policy("identity:delete_endpoint")
    public ResponseEntity<Void> deleteEndpoint(@PathVariable String id) {
        admin.deleteEndpoint(id);
        return ResponseEntity.noContent().build();
    }

    private static <T> T required(T value, String name) {
        if (value == null) {
            throw IdentityError.VALIDATION.exception(name, "'" + name + "' is a required property");
        }
        return value;
    }

}
