package io.nubo.compute.keypair;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "key_pairs")
class KeyPairEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "user_id")
    String userId;
    @Column(name = "project_id")
    String projectId;
    String name;
    @Column(name = "key_type")
    String keyType;
    @Column(name = "public_key")
    String publicKey;
    String fingerprint;
    @Column(name = "created_at")
    Instant createdAt;
}
