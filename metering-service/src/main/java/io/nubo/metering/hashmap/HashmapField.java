package io.nubo.metering.hashmap;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A hashmap field: an attribute of a service's usage (flavor_id, volume_type) its mappings match on. */
@Entity
@Table(name = "hashmap_field")
class HashmapField {
    @Id
    String id;
    @Column(name = "service_id")
    String serviceId;
    String name;

    protected HashmapField() {
    }

    HashmapField(String id, String serviceId, String name) {
        this.id = id;
        this.serviceId = serviceId;
        this.name = name;
    }
}
