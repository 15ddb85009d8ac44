package io.nubo.identity.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.identity.catalog.CatalogEntry;
import java.util.List;
import java.util.Map;

/** Keystone's token body, {@code {"token": {...}}}. */
public record TokenBody(Token token) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Token(List<String> methods, User user, @JsonProperty("audit_ids") List<String> auditIds,
                        @JsonProperty("expires_at") String expiresAt, @JsonProperty("issued_at") String issuedAt,
                        Project project, Ref domain, Map<String, Boolean> system,
                        @JsonProperty("is_domain") Boolean isDomain, List<Ref> roles, List<CatalogEntry> catalog,
                        @JsonProperty("application_credential") ApplicationCredential applicationCredential,
                        @JsonProperty("OS-TRUST:trust") Trust trust) {
    }

    public record Trust(String id, boolean impersonation, @JsonProperty("trustee_user") IdRef trusteeUser,
                        @JsonProperty("trustor_user") IdRef trustorUser) {
    }

    public record IdRef(String id) {
    }

    public record ApplicationCredential(String id, String name, boolean restricted) {
    }

    public record User(String id, String name, Ref domain,
                       @JsonProperty("password_expires_at") @JsonInclude(JsonInclude.Include.ALWAYS)
                       String passwordExpiresAt) {
    }

    public record Project(String id, String name, Ref domain) {
    }

    public record Ref(String id, String name) {
    }
}
