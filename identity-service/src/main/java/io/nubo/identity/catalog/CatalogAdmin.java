package io.nubo.identity.catalog;

import io.nubo.identity.error.IdentityError;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Changes to the catalog: regions, services and their endpoints, with Keystone's validation. */
@Service
public class CatalogAdmin {

    private static final Set<String> INTERFACES = Set.of("public", "internal", "admin");

    private final RegionRepository regions;
    private final ServiceRepository services;
    private final EndpointRepository endpoints;

    public CatalogAdmin(RegionRepository regions, ServiceRepository services, EndpointRepository endpoints) {
        this.regions = regions;
        this.services = services;
        this.endpoints = endpoints;
    }

    @Transactional
    public RegionEntity createRegion(String id, CatalogViews.RegionInput in) {
        String regionId = id != null ? id : in.id() != null ? in.id() : UUID.randomUUID().toString().replace("-", "");
        if (in.id() != null && id != null && !in.id().equals(id)) {
            throw IdentityError.VALIDATION.exception("id", "the id in the body must match the id in the URL");
        }
        if (regionId.length() > RegionEntity.MAX_ID) {
            // the URL's id is not in the body, so its schema cannot bound it (Keystone's region ids: 255)
            throw IdentityError.VALIDATION.exception("id", "the region id is longer than " + RegionEntity.MAX_ID
                    + " characters");
        }
        if (regions.existsById(regionId)) {
            throw IdentityError.CONFLICT.exception("region", regionId, "");
        }
        checkParent(regionId, in.parentRegionId());
        return regions.save(new RegionEntity(regionId, in.description(), in.parentRegionId()));
    }

    @Transactional(readOnly = true)
    public RegionEntity region(String id) {
        return regions.findById(id).orElseThrow(() -> IdentityError.NOT_FOUND.exception("region", id));
    }

    @Transactional
    public RegionEntity updateRegion(String id, CatalogViews.RegionInput in) {
        RegionEntity r = region(id);
        if (in.description() != null) {
            r.describe(in.description());
        }
        if (in.parentRegionId() != null) {
            checkParent(id, in.parentRegionId());
            r.setParentRegionId(in.parentRegionId());
        }
        return r;
    }

    @Transactional
    public void deleteRegion(String id) {
        RegionEntity r = region(id);
        if (regions.existsByParentRegionId(id)) {
            throw IdentityError.FORBIDDEN_ACTION.exception("Cannot delete a region that has child regions.");
        }
        if (endpoints.existsByRegionId(id)) {
            throw IdentityError.FORBIDDEN_ACTION.exception("Cannot delete a region that has endpoints.");
        }
        regions.delete(r);
    }

    private void checkParent(String id, String parentId) {
        if (parentId == null) {
            return;
        }
        if (parentId.equals(id)) {
            throw IdentityError.VALIDATION.exception("parent_region_id", "a region cannot be its own parent");
        }
        if (!regions.existsById(parentId)) {
            throw IdentityError.NOT_FOUND.exception("region", parentId);
        }
    }

    @Transactional
    public ServiceEntity createService(CatalogViews.ServiceInput in) {
        if (in.type() == null || in.type().isBlank() || in.type().length() > 255) {
            throw IdentityError.VALIDATION.exception("type", "a service type of 1 to 255 characters is required");
        }
        ServiceEntity s = new ServiceEntity(UUID.randomUUID().toString().replace("-", ""), in.type(), in.name(),
                in.description());
        s.update(null, null, null, in.enabled());
        return services.save(s);
    }

    @Transactional(readOnly = true)
    public ServiceEntity service(String id) {
        return services.findById(id).orElseThrow(() -> IdentityError.NOT_FOUND.exception("service", id));
    }

    @Transactional
    public ServiceEntity updateService(String id, CatalogViews.ServiceInput in) {
        ServiceEntity s = service(id);
        if (in.type() != null && in.type().isBlank()) {
            throw IdentityError.VALIDATION.exception("type", "a service type cannot be empty");
        }
        s.update(in.type(), in.name(), in.description(), in.enabled());
        return s;
    }

    @Transactional
    public void deleteService(String id) {
        ServiceEntity s = service(id);
        endpoints.deleteAll(endpoints.findByServiceId(id));
        services.delete(s);
    }

    @Transactional
    public EndpointEntity createEndpoint(CatalogViews.EndpointInput in) {
        if (in.serviceId() == null) {
            throw IdentityError.VALIDATION.exception("service_id", "'service_id' is a required property");
        }
        if (in.url() == null || in.url().isBlank()) {
            throw IdentityError.VALIDATION.exception("url", "'url' is a required property");
        }
        autoCreateLegacyRegion(in);
        checkEndpoint(in);
        EndpointEntity e = new EndpointEntity(UUID.randomUUID().toString().replace("-", ""), in.serviceId(),
                in.iface(), in.regionRef(), in.url(), false);
        e.update(null, null, null, null, in.enabled());
        return endpoints.save(e);
    }

    @Transactional(readOnly = true)
    public EndpointEntity endpoint(String id) {
        return endpoints.findById(id).orElseThrow(() -> IdentityError.NOT_FOUND.exception("endpoint", id));
    }

    @Transactional
    public EndpointEntity updateEndpoint(String id, CatalogViews.EndpointInput in) {
        EndpointEntity e = endpoint(id);
        autoCreateLegacyRegion(in);
        if (in.iface() != null || in.serviceId() != null || in.regionRef() != null) {
            checkEndpoint(new CatalogViews.EndpointInput(in.serviceId() != null ? in.serviceId() : e.getServiceId(),
                    in.iface() != null ? in.iface() : e.getInterface(), in.regionRef(), null, in.url(), in.enabled()));
        }
        e.update(in.serviceId(), in.iface(), in.regionRef(), in.url(), in.enabled());
        return e;
    }

    @Transactional
    public void deleteEndpoint(String id) {
        endpoints.delete(endpoint(id));
    }

    /**
     * Keystone keeps the v2 habit: a region named by the older {@code region} field (not {@code region_id}) is
     * created when it does not exist yet.
     */
    private void autoCreateLegacyRegion(CatalogViews.EndpointInput in) {
        if (in.regionId() == null && in.region() != null && !in.region().isBlank()
                && !regions.existsById(in.region())) {
            regions.save(new RegionEntity(in.region(), "", null));
        }
    }

    private void checkEndpoint(CatalogViews.EndpointInput in) {
        if (in.iface() == null || !INTERFACES.contains(in.iface())) {
            throw IdentityError.VALIDATION.exception("interface", "must be one of public, internal, admin");
        }
        if (!services.existsById(in.serviceId())) {
            throw IdentityError.VALIDATION.exception("service_id", "no service " + in.serviceId());
        }
        if (in.regionRef() != null && !regions.existsById(in.regionRef())) {
            throw IdentityError.VALIDATION.exception("region_id", "no region " + in.regionRef());
        }
    }
}
