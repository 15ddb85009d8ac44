package io.nubo.image.metadef;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A metadata definition namespace. */
@Entity
@Table(name = "metadef_namespaces")
public class NamespaceEntity {

    @Id
    String namespace;
    @Column(name = "display_name")
    String displayName;
    String description;
    String visibility;
    @Column(name = "protected")
    boolean isProtected;
    String owner;
    @Column(name = "created_at")
    Instant createdAt;
    @Column(name = "updated_at")
    Instant updatedAt;

    protected NamespaceEntity() {
    }

    NamespaceEntity(String namespace, String owner, Instant now) {
        this.namespace = namespace;
        this.owner = owner;
        this.visibility = "private";
        this.createdAt = now;
        this.updatedAt = now;
    }
}
