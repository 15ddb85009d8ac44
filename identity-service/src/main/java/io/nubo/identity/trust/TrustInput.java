package io.nubo.identity.trust;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.identity.error.IdentityError;
import java.util.List;

/** {@code POST /v3/OS-TRUST/trusts} body. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrustInput(@JsonProperty("trustor_user_id") String trustorUserId,
                         @JsonProperty("trustee_user_id") String trusteeUserId,
                         @JsonProperty("project_id") String projectId, Object impersonation,
                         @JsonProperty("expires_at") String expiresAt,
                         @JsonProperty("remaining_uses") Integer remainingUses,
                         @JsonProperty("allow_redelegation") Boolean allowRedelegation, List<RoleRef> roles) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Body(TrustInput trust) {
        TrustInput required() {
            if (trust == null) {
                throw IdentityError.VALIDATION.exception("trust", "'trust' is a required property");
            }
            return trust;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RoleRef(String id, String name) {
    }

    /** Keystone's schema: a JSON boolean, required. */
    boolean impersonates() {
        if (!(impersonation instanceof Boolean b)) {
            throw IdentityError.VALIDATION.exception("impersonation", "a boolean is required");
        }
        return b;
    }
}
