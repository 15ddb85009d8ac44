package io.nubo.identity.appcred;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.identity.error.IdentityError;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/** {@code POST /v3/users/{id}/application_credentials} body, and Keystone's time format for {@code expires_at}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApplicationCredentialInput(String name, String description, String secret,
                                         @JsonProperty("expires_at") String expiresAt, List<RoleRef> roles,
                                         Boolean unrestricted,
                                         @JsonProperty("access_rules") List<AccessRuleInput> accessRules) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Body(@JsonProperty("application_credential") ApplicationCredentialInput applicationCredential) {
        ApplicationCredentialInput required() {
            if (applicationCredential == null) {
                throw IdentityError.VALIDATION.exception("application_credential",
                        "'application_credential' is a required property");
            }
            return applicationCredential;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RoleRef(String id, String name, @JsonProperty("domain_id") String domainId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AccessRuleInput(String id, String service, String path, String method) {
    }

    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    /** ISO 8601 with or without an offset; without one, UTC (Keystone stores naive UTC times). */
    static Instant parseTime(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw IdentityError.VALIDATION.exception("expires_at", "'" + value + "' is not an ISO 8601 time");
            }
        }
    }

    /** As Keystone prints it (Python's isoformat of a naive UTC time): microseconds only when there are some. */
    static String formatTime(Instant t) {
        if (t == null) {
            return null;
        }
        LocalDateTime utc = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        return (utc.getNano() == 0 ? SECONDS : MICROS).format(utc);
    }
}
