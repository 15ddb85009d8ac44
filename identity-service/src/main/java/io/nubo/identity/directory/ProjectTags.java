package io.nubo.identity.directory;

import io.nubo.identity.error.IdentityError;
import io.nubo.shared.validation.ValidatedBody;
import io.nubo.shared.policy.Policy;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v3/projects/{id}/tags}: Keystone's project tags (at most 80, each 1-255 characters, no '/' or ','). */
@RestController
@RequestMapping("/v3/projects/{id}/tags")
public class ProjectTags {

    static final int MAX_TAGS = 80;

    /** {@code {"tags": [...]}}, asked and answered. */
    public record TagsBody(List<String> tags) {
    }

    private final ProjectService projects;

    public ProjectTags(ProjectService projects) {
        this.projects = projects;
    }

    /** Checks a tag list as Keystone does; 400 for a bad tag, a duplicate or too many. */
    static List<String> valid(Collection<String> tags) {
        Set<String> seen = new HashSet<>();
        for (String t : tags) {
            if (t == null || t.isEmpty() || t.length() > 255 || t.contains("/") || t.contains(",")) {
                throw IdentityError.VALIDATION.exception("tags", "'" + t + "' is not a valid tag");
            }
            if (!seen.add(t)) {
                throw IdentityError.VALIDATION.exception("tags", "'" + t + "' is given twice");
            }
        }
        if (tags.size() > MAX_TAGS) {
            throw IdentityError.VALIDATION.exception("tags", "at most " + MAX_TAGS + " tags are allowed");
        }
        return List.copyOf(tags);
    }

    @GetMapping
    @Transactional(readOnly = true)
    @Policy("identity:get_project_tags")
    public TagsBody list(@PathVariable String id) {
        return new TagsBody(List.copyOf(projects.get(id).getTags()));
    }

    @PutMapping
    @ValidatedBody("identity/project-tags-update.json")
    @Transactional
    @Policy("identity:update_project_tags")
    public TagsBody replace(@PathVariable String id, @RequestBody TagsBody body) {
        if (body.tags() == null) {
            throw IdentityError.VALIDATION.exception("tags", "'tags' is a required property");
        }
        ProjectEntity p = projects.get(id);
        List<String> tags = valid(body.tags());
        p.getTags().clear();
        p.getTags().addAll(tags);
        return new TagsBody(List.copyOf(p.getTags()));
    }

    @PutMapping("/{tag}")
    @Transactional
    @Policy("identity:create_project_tag")
    public ResponseEntity<Void> add(@PathVariable String id, @PathVariable String tag) {
        ProjectEntity p = projects.get(id);
        valid(List.of(tag));
        if (!p.getTags().contains(tag) && p.getTags().size() >= MAX_TAGS) {
            throw IdentityError.VALIDATION.exception("tags", "at most " + MAX_TAGS + " tags are allowed");
        }
        p.getTags().add(tag);
        return ResponseEntity.status(HttpStatus.CREATED).build();
    }

    @RequestMapping(value = "/{tag}", method = {RequestMethod.GET, RequestMethod.HEAD})
    @Transactional(readOnly = true)
    @Policy("identity:get_project_tag")
    public ResponseEntity<Void> check(@PathVariable String id, @PathVariable String tag) {
        if (!projects.get(id).getTags().contains(tag)) {
            throw IdentityError.NOT_FOUND.exception("tag", tag);
        }
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{tag}")
    @Transactional
    @Policy("identity:delete_project_tag")
    public ResponseEntity<Void> remove(@PathVariable String id, @PathVariable String tag) {
        if (!projects.get(id).getTags().remove(tag)) {
            throw IdentityError.NOT_FOUND.exception("tag", tag);
        }
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping
    @Transactional
    @Policy("identity:delete_project_tags")
    public ResponseEntity<Void> removeAll(@PathVariable String id) {
        projects.get(id).getTags().clear();
        return ResponseEntity.noContent().build();
    }
}
