package io.nubo.image.metadef;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** An object, property, tag or resource type association of a namespace, kept as its JSON document. */
@Entity
@Table(name = "metadef_items")
@IdClass(ItemEntity.Key.class)
public class ItemEntity {

    public record Key(String namespace, String kind, String name) implements Serializable {
        public Key() {
            this(null, null, null);
        }
    }

    @Id
    String namespace;
    @Id
    String kind;
    @Id
    String name;
    String document;
    @Column(name = "created_at")
    Instant createdAt;
    @Column(name = "updated_at")
    Instant updatedAt;

    protected ItemEntity() {
    }

    ItemEntity(String namespace, String kind, String name, String document, Instant now) {
        this.namespace = namespace;
        this.kind = kind;
        this.name = name;
        this.document = document;
        this.createdAt = now;
        this.updatedAt = now;
    }
}
