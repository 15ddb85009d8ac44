package io.nubo.identity.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The service catalog for a token. URLs may hold {@code $(project_id)s} (and the older {@code $(tenant_id)s});
 * they are filled in for a project-scoped token, and endpoints that need them are left out otherwise, as Keystone
 * does.
 */
@Service
public class ServiceCatalog {

    private final ServiceRepository services;
    private final EndpointRepository endpoints;

    public ServiceCatalog(ServiceRepository services, EndpointRepository endpoints) {
        this.services = services;
        this.endpoints = endpoints;
    }

    @Transactional(readOnly = true)
    public List<CatalogEntry> forProject(String projectId) {
        Map<String, List<EndpointEntity>> byService = endpoints.findAll().stream()
                .filter(EndpointEntity::isEnabled)
                .collect(Collectors.groupingBy(EndpointEntity::getServiceId));
        List<CatalogEntry> catalog = new ArrayList<>();
        for (ServiceEntity s : services.findAll()) {
            if (!s.isEnabled()) {
                continue;
            }
            List<CatalogEntry.Endpoint> eps = new ArrayList<>();
            for (EndpointEntity e : byService.getOrDefault(s.getId(), List.of())) {
                String url = substitute(e.getUrl(), projectId);
                if (url != null) {
                    eps.add(new CatalogEntry.Endpoint(e.getId(), e.getInterface(), e.getRegionId(), e.getRegionId(),
                            url));
                }
            }
            eps.sort(Comparator.comparing(CatalogEntry.Endpoint::iface));
            catalog.add(new CatalogEntry(s.getId(), s.getType(), s.getName(), eps));
        }
        catalog.sort(Comparator.comparing(CatalogEntry::type));
        return catalog;
    }

    static String substitute(String url, String projectId) {
        boolean templated = url.contains("$(project_id)s") || url.contains("$(tenant_id)s");
        if (!templated) {
            return url;
        }
        if (projectId == null) {
            return null;
        }
        return url.replace("$(project_id)s", projectId).replace("$(tenant_id)s", projectId);
    }
}
