package io.nubo.identity.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.nubo.identity.directory.DirectoryViews;
import io.nubo.identity.directory.ProjectRepository;
import io.nubo.identity.error.IdentityError;
import io.nubo.identity.api.Links;
import io.nubo.shared.api.Link;
import io.nubo.shared.validation.ValidatedBody;
import io.nubo.shared.policy.Policy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v3/OS-EP-FILTER/endpoint_groups} and their project associations. A project with endpoint groups sees
 * only the endpoints they select in its catalog.
 */
@RestController
@RequestMapping("/v3/OS-EP-FILTER")
public class EndpointGroupController {

    static final Set<String> FILTERS = Set.of("service_id", "region_id", "interface");

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GroupInput(String name, String description, Map<String, Object> filters) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GroupBody(@com.fasterxml.jackson.annotation.JsonProperty("endpoint_group") GroupInput group) {
        GroupInput required() {
            if (group == null) {
                throw IdentityError.VALIDATION.exception("endpoint_group", "'endpoint_group' is a required property");
            }
            return group;
        }
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Group(String id, String name, String description, Map<String, Object> filters,
                        CatalogViews.SelfLink links) {
        static Group of(EndpointGroupEntity g) {
            return new Group(g.getId(), g.getName(), g.getDescription(), g.getFilters(),
                    new CatalogViews.SelfLink(Link.href("/v3/OS-EP-FILTER/endpoint_groups/" + g.getId())));
        }
    }

    /** {@code {"endpoint_group": {...}}} */
    public record GroupResponse(@com.fasterxml.jackson.annotation.JsonProperty("endpoint_group") Group group) {
    }

    /** {@code {"endpoint_groups": [...], "links": {...}}} */
    public record Groups(@com.fasterxml.jackson.annotation.JsonProperty("endpoint_groups") List<Group> groups,
                         Links links) {
    }

    private final EndpointGroupRepository groups;
    private final ProjectRepository projects;

    public EndpointGroupController(EndpointGroupRepository groups, ProjectRepository projects) {
        this.groups = groups;
        this.projects = projects;
    }

    @PostMapping("/endpoint_groups")
    @ValidatedBody("identity/endpoint-group-create.json")
    @Transactional
    @Policy("identity:create_endpoint_group")
    public ResponseEntity<GroupResponse> create(@RequestBody GroupBody body) {
        GroupInput in = body.required();
        if (in.name() == null || in.name().isBlank()) {
            throw IdentityError.VALIDATION.exception("name", "a name is required");
        }
        EndpointGroupEntity g = groups.save(new EndpointGroupEntity(UUID.randomUUID().toString().replace("-", ""),
                in.name(), in.description(), validFilters(in.filters())));
        return ResponseEntity.status(HttpStatus.CREATED).body(new GroupResponse(Group.of(g)));
    }

    @GetMapping("/endpoint_groups")
    @Transactional(readOnly = true)
    @Policy("identity:list_endpoint_groups")
    public Groups list() {
        return new Groups(groups.findAll().stream().map(Group::of).toList(), Links.ofCurrentRequest());
    }

    @RequestMapping(value = "/endpoint_groups/{id}", method = {RequestMethod.GET, RequestMethod.HEAD})
    @Transactional(readOnly = true)
    @Policy("identity:get_endpoint_group")
    public GroupResponse show(@PathVariable String id) {
        return new GroupResponse(Group.of(get(id)));
    }

    @PatchMapping("/endpoint_groups/{id}")
    @ValidatedBody("identity/endpoint-group-update.json")
    @Transactional
    @Policy("identity:update_endpoint_group")
    public GroupResponse update(@PathVariable String id, @RequestBody GroupBody body) {
        GroupInput in = body.required();
        EndpointGroupEntity g = get(id);
        g.update(in.name(), in.description(), in.filters() == null ? null : validFilters(in.filters()));
        return new GroupResponse(Group.of(g));
    }

    @DeleteMapping("/endpoint_groups/{id}")
    @Transactional
    @Policy("identity:delete_endpoint_group")
    public ResponseEntity<Void> delete(@PathVariable String id) {
        groups.delete(get(id));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/endpoint_groups/{id}/projects/{projectId}")
    @Transactional
    @Policy("identity:add_endpoint_group_to_project")
    public ResponseEntity<Void> associate(@PathVariable String id, @PathVariable String projectId) {
        EndpointGroupEntity g = get(id);
        if (!projects.existsById(projectId)) {
            throw IdentityError.NOT_FOUND.exception("project", projectId);
        }
        g.getProjectIds().add(projectId);
        return ResponseEntity.noContent().build();
    }

    @RequestMapping(value = "/endpoint_groups/{id}/projects/{projectId}",
            method = {RequestMethod.GET, RequestMethod.HEAD})
    @Transactional(readOnly = true)
    @Policy("identity:get_endpoint_group_in_project")
    public DirectoryViews.ProjectBody association(@PathVariable String id, @PathVariable String projectId) {
        if (!get(id).getProjectIds().contains(projectId)) {
            throw IdentityError.NOT_FOUND.exception("endpoint group association", projectId);
        }
        return new DirectoryViews.ProjectBody(DirectoryViews.project(projects.findById(projectId)
                .orElseThrow(() -> IdentityError.NOT_FOUND.exception("project", projectId))));
    }

    @DeleteMapping("/endpoint_groups/{id}/projects/{projectId}")
    @Transactional
    @Policy("identity:remove_endpoint_group_from_project")
    public ResponseEntity<Void> dissociate(@PathVariable String id, @PathVariable String projectId) {
        if (!get(id).getProjectIds().remove(projectId)) {
            throw IdentityError.NOT_FOUND.exception("endpoint group association", projectId);
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/endpoint_groups/{id}/projects")
    @Transactional(readOnly = true)
    @Policy("identity:list_projects_associated_with_endpoint_group")
    public DirectoryViews.Projects projectsOf(@PathVariable String id) {
        return new DirectoryViews.Projects(projects.findByIdInOrderByName(get(id).getProjectIds()).stream()
                .map(DirectoryViews::project).toList(), Links.ofCurrentRequest());
    }

    @GetMapping("/projects/{projectId}/endpoint_groups")
    @Transactional(readOnly = true)
    @Policy("identity:list_endpoint_groups_for_project")
    public Groups groupsOf(@PathVariable String projectId) {
        return new Groups(groups.findByProjectIdsContains(projectId).stream().map(Group::of).toList(),
                Links.ofCurrentRequest());
    }

    private EndpointGroupEntity get(String id) {
        return groups.findById(id).orElseThrow(() -> IdentityError.NOT_FOUND.exception("endpoint group", id));
    }

    private static Map<String, Object> validFilters(Map<String, Object> filters) {
        if (filters == null || filters.isEmpty()) {
            throw IdentityError.VALIDATION.exception("filters", "at least one of service_id, region_id, interface");
        }
        for (Map.Entry<String, Object> f : filters.entrySet()) {
            if (!FILTERS.contains(f.getKey()) || !(f.getValue() instanceof String)) {
                throw IdentityError.VALIDATION.exception("filters", "'" + f.getKey() + "' is not a valid filter");
            }
        }
        return filters;
    }
}
