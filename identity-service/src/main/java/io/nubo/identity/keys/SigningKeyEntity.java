package io.nubo.identity.keys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "signing_keys")
public class SigningKeyEntity {

    @Id
    private String kid;
    /** The JWK, private part included. */
    private String jwk;
    @Column(name = "created_at")
    private Instant createdAt;
    private boolean active;

    protected SigningKeyEntity() {
    }

    public SigningKeyEntity(String kid, String jwk, Instant createdAt, boolean active) {
        this.kid = kid;
        this.jwk = jwk;
        this.createdAt = createdAt;
        this.active = active;
    }

    public String getJwk() {
        return jwk;
    }

    public boolean isActive() {
        return active;
    }
}
