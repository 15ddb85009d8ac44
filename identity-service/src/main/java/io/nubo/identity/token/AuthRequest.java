package io.nubo.identity.token;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** {@code POST /v3/auth/tokens} body: {@code {"auth": {"identity": {...}, "scope": {...}}}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuthRequest(Auth auth) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Auth(Identity identity, Scope scope) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Identity(List<String> methods, Password password, TokenMethod token,
                           @JsonProperty("application_credential") ApplicationCredential applicationCredential) {
    }

    /** The {@code application_credential} method: by id, or by name and the owning user; and the secret. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ApplicationCredential(String id, String name, String secret, User user) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Password(User user) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record User(String id, String name, String password, NamedRef domain) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TokenMethod(String id) {
    }

    /** A domain (or project) named by id, or by name (+ domain for a project). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NamedRef(String id, String name, NamedRef domain) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Scope(NamedRef project, NamedRef domain, Map<String, Object> system,
                        @JsonProperty("OS-TRUST:trust") Map<String, Object> trust) {
    }
}
