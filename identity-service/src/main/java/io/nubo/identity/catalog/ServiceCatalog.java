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
    private final EndpointGroupRepository groups;

    public ServiceCatalog(ServiceRepository services, EndpointRepository endpoints, EndpointGroupRepository groups) {
        this.services = services;
        this.endpoints = endpoints;
        this.groups = groups;
    }

    @Transactional(readOnly = true)
    public List<CatalogEntry> forProject(String projectId) {
        // OS-EP-FILTER: a project with endpoint groups sees only the endpoints they select
        List<EndpointGroupEntity> projectGroups = projectId == null ? List.of()
                : groups.findByProjectIdsContains(projectId);
        Map<String, List<EndpointEntity>> byService = endpoints.findAll().stream()
                .filter(EndpointEntity::isEnabled)
                .filter(e -> projectGroups.isEmpty() || projectGroups.stream().anyMatch(g -> g.matches(e)))
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
            if (eps.isEmpty() && !projectGroups.isEmpty()) {
                continue;
            }
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
