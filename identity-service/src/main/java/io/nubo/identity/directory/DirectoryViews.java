package io.nubo.identity.directory;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.identity.api.Links;
import java.util.List;
import java.util.Map;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Keystone's JSON shapes for the directory's resources. */
public final class DirectoryViews {

    private DirectoryViews() {
    }

    /** Root wrappers: {@code {"user": {...}}}, {@code {"users": [...], "links": {...}}}, and so on. */
    public record DomainBody(Domain domain) {
    }

    public record ProjectBody(Project project) {
    }

    public record UserBody(User user) {
    }

    public record RoleBody(Role role) {
    }

    public record Domains(List<Domain> domains, Links links) {
    }

    public record Projects(List<Project> projects, Links links) {
    }

    public record Users(List<User> users, Links links) {
    }

    public record Roles(List<Role> roles, Links links) {
    }

    public record SelfLink(String self) {
    }

    public record Domain(String id, String name, String description, boolean enabled, List<String> tags,
                         SelfLink links) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Project(String id, String name, @JsonProperty("domain_id") String domainId,
                          @JsonProperty("parent_id") String parentId, String description, boolean enabled,
                          @JsonProperty("is_domain") boolean isDomain, List<String> tags, Map<String, Object> options,
                          SelfLink links, @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record User(String id, String name, @JsonProperty("domain_id") String domainId, boolean enabled,
                       @JsonProperty("default_project_id") @JsonInclude(JsonInclude.Include.NON_NULL)
                       String defaultProjectId,
                       @JsonProperty("password_expires_at") String passwordExpiresAt, Map<String, Object> options,
                       SelfLink links, @JsonAnyGetter Map<String, Object> extra) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Role(String id, String name, @JsonProperty("domain_id") String domainId, String description,
                       SelfLink links) {
    }

    private static SelfLink link(String collection, String id) {
        return new SelfLink(ServletUriComponentsBuilder.fromCurrentContextPath().path("/v3/" + collection + "/" + id)
                .build().toUriString());
    }

    public static Domain domain(DomainEntity d) {
        return new Domain(d.getId(), d.getName(), d.getDescription() == null ? "" : d.getDescription(), d.isEnabled(),
                List.of(), link("domains", d.getId()));
    }

    public static Project project(ProjectEntity p) {
        return new Project(p.getId(), p.getName(), p.getDomainId(), p.getParentId() == null ? p.getDomainId()
                : p.getParentId(), p.getDescription() == null ? "" : p.getDescription(), p.isEnabled(), false,
                List.copyOf(p.getTags()), Map.of(), link("projects", p.getId()), p.getExtra());
    }

    /** A domain seen through the projects API (Keystone's domains are projects acting as domains). */
    public static Project projectActingAsDomain(DomainEntity d) {
        return new Project(d.getId(), d.getName(), null, null, d.getDescription() == null ? "" : d.getDescription(),
                d.isEnabled(), true, List.of(), Map.of(), link("projects", d.getId()), Map.of());
    }

    public static User user(UserEntity u) {
        return new User(u.getId(), u.getName(), u.getDomainId(), u.isEnabled(), u.getDefaultProjectId(),
                u.getPasswordExpiresAt() == null ? null : u.getPasswordExpiresAt().toString(), Map.of(),
                link("users", u.getId()), u.getExtra());
    }

    public static Role role(RoleEntity r) {
        return new Role(r.getId(), r.getName(), r.getDomainId(), r.getDescription(), link("roles", r.getId()));
    }
}
