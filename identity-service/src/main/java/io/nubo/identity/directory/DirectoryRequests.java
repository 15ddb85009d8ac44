package io.nubo.identity.directory;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.identity.error.IdentityError;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Request bodies of the directory's create and update calls, wrapped as Keystone wraps them. */
public final class DirectoryRequests {

    private DirectoryRequests() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ProjectBody(ProjectInput project) {
        public ProjectInput required() {
            if (project == null) {
                throw IdentityError.VALIDATION.exception("project", "'project' is a required property");
            }
            return project;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ProjectInput(String name, @JsonProperty("domain_id") String domainId, String description,
                               Boolean enabled, @JsonProperty("parent_id") String parentId,
                               @JsonProperty("is_domain") Boolean isDomain, List<String> tags,
                               @JsonAnySetter Map<String, Object> extra) {
        /** A project's own fields: never kept as extras. */
        static final Set<String> RESERVED = Set.of("id", "name", "domain_id", "description", "enabled", "parent_id",
                "is_domain", "tags", "options", "links");
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UserBody(UserInput user) {
        public UserInput required() {
            if (user == null) {
                throw IdentityError.VALIDATION.exception("user", "'user' is a required property");
            }
            return user;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UserInput(String name, @JsonProperty("domain_id") String domainId, String password,
                            Boolean enabled, @JsonProperty("default_project_id") String defaultProjectId,
                            @JsonAnySetter Map<String, Object> extra) {
        /** A user's own fields: never kept as extras (description and email are extras, as in Keystone). */
        static final Set<String> RESERVED = Set.of("id", "name", "domain_id", "password", "enabled",
                "default_project_id", "options", "links", "password_expires_at");
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RoleBody(RoleInput role) {
        public RoleInput required() {
            if (role == null) {
                throw IdentityError.VALIDATION.exception("role", "'role' is a required property");
            }
            return role;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RoleInput(String name, @JsonProperty("domain_id") String domainId, String description) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DomainBody(DomainInput domain) {
        public DomainInput required() {
            if (domain == null) {
                throw IdentityError.VALIDATION.exception("domain", "'domain' is a required property");
            }
            return domain;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DomainInput(String name, String description, Boolean enabled) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PasswordChangeBody(PasswordChange user) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PasswordChange(String password, @JsonProperty("original_password") String originalPassword) {
    }

    /** Keystone's name rule: present, not blank, at most 255 characters (64 for users and projects). */
    static String validName(String name, int max) {
        if (name == null || name.isBlank()) {
            throw IdentityError.VALIDATION.exception("name", "a non-empty name is required");
        }
        if (name.length() > max) {
            throw IdentityError.VALIDATION.exception("name", "'" + name.substring(0, 16) + "...' is too long");
        }
        return name;
    }
}
