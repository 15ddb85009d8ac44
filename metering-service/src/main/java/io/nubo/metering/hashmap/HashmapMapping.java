package io.nubo.metering.hashmap;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A mapping: on a service, a cost for every unit; on a field, a cost when the attribute has {@code value}. */
@Entity
@Table(name = "hashmap_mapping")
class HashmapMapping extends HashmapRule {
    @Column(name = "map_value")
    String value;
}
