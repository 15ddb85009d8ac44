package io.nubo.identity.catalog;

import io.nubo.identity.readcache.ChangeStampedCache;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

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
    /**
     * Every token validation renders the catalog: it is read again only after a service, endpoint or endpoint group
     * changes (keyed by project: URLs hold the project id, and endpoint groups select per project).
     */
    private final ChangeStampedCache<Optional<String>, List<CatalogEntry>> cache =
            new ChangeStampedCache<>(4096, ServiceEntity.class, EndpointEntity.class, EndpointGroupEntity.class);

    /** A miss reads services, endpoints and groups (and their lazy project lists) in one read-only transaction. */
    private final TransactionOperations readOnly;

    public ServiceCatalog(ServiceRepository services, EndpointRepository endpoints, EndpointGroupRepository groups,
                          TransactionTemplate tx) {
        TransactionTemplate ro = new TransactionTemplate(tx.getTransactionManager());
        ro.setReadOnly(true);
        this.readOnly = ro;
        this.services = services;
        this.endpoints = endpoints;
        this.groups = groups;
    }

    /**
     * The catalog a token scoped to the project (or to none: {@code null}) sees; an immutable list. Answered from the
     * cache, it opens no transaction; a miss reads in one (a caller's, if it has one).
     */
    public List<CatalogEntry> forProject(String projectId) {
        return cache.get(Optional.ofNullable(projectId), p -> readOnly.execute(s -> read(p.orElse(null))));
    }

    private List<CatalogEntry> read(String projectId) {
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
            catalog.add(new CatalogEntry(s.getId(), s.getType(), s.getName(), List.copyOf(eps)));
        }
        catalog.sort(Comparator.comparing(CatalogEntry::type));
        return List.copyOf(catalog);
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
