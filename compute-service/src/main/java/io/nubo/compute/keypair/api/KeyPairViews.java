package io.nubo.compute.keypair.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Nova's os-keypairs JSON shapes; {@code type} (null: absent) from 2.2. */
public final class KeyPairViews {

    private KeyPairViews() {
    }

    /** The create answer; {@code private_key} only for a generated pair. */
    public record Created(String name, @JsonProperty("public_key") String publicKey, String fingerprint,
                          @JsonProperty("user_id") String userId,
                          @JsonProperty("private_key") @JsonInclude(JsonInclude.Include.NON_NULL) String privateKey,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String type) {
    }

    public record Full(long id, String name, @JsonProperty("public_key") String publicKey, String fingerprint,
                       @JsonProperty("user_id") String userId, boolean deleted,
                       @JsonProperty("created_at") String createdAt, @JsonProperty("updated_at") String updatedAt,
                       @JsonProperty("deleted_at") String deletedAt,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String type) {
    }

    public record Listed(String name, @JsonProperty("public_key") String publicKey, String fingerprint,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String type) {
    }

    public record ListItem(Listed keypair) {
    }

    public record KeyPairList(List<ListItem> keypairs) {
    }

    public record CreatedOne(Created keypair) {
    }

    public record FullOne(Full keypair) {
    }
}
