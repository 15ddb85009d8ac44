package io.nubo.identity.assignment;

import io.nubo.identity.directory.DirectoryLookup;
import io.nubo.identity.directory.DirectoryViews;
import io.nubo.identity.error.IdentityError;
import io.nubo.identity.api.Links;
import io.nubo.shared.policy.Policy;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v3/users/{id}/projects}: the projects on which a user holds a role. It lives with the grants it reads;
 * the directory gives the projects' shape through its lookup, so directory never needs the grants.
 */
@RestController
public class UserProjectsController {

    private final RoleAssignments assignments;
    private final DirectoryLookup directory;

    public UserProjectsController(RoleAssignments assignments, DirectoryLookup directory) {
        this.assignments = assignments;
        this.directory = directory;
    }

    @GetMapping("/v3/users/{id}/projects")
    @Policy("identity:list_user_projects")
    @Transactional(readOnly = true)
    public DirectoryViews.Projects projectsOfUser(@PathVariable String id) {
        if (!directory.userExists(id)) {
            throw IdentityError.NOT_FOUND.exception("user", id);
        }
        return new DirectoryViews.Projects(directory.projects(assignments.projectsOf(id)), Links.ofCurrentRequest());
    }
}
