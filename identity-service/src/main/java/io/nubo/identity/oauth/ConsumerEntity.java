package io.nubo.identity.oauth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "oauth_consumers")
public class ConsumerEntity {

    @Id
    private String id;
    private String description;
    @Column(name = "secret_hash")
    private String secretHash;

    protected ConsumerEntity() {
    }

    public ConsumerEntity(String id, String description, String secretHash) {
        this.id = id;
        this.description = description;
        this.secretHash = secretHash;
    }

    public String getId() {
        return id;
    }

    public String getDescription() {
        return description;
    }

    public void describe(String description) {
        this.description = description;
    }
}
