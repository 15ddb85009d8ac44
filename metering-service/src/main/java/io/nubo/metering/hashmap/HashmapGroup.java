package io.nubo.metering.hashmap;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A hashmap group: rules in one group combine (the highest flat times the rates); groups add up. */
@Entity
@Table(name = "hashmap_group")
class HashmapGroup {
    @Id
    String id;
    String name;

    protected HashmapGroup() {
    }

    HashmapGroup(String id, String name) {
        this.id = id;
        this.name = name;
    }
}
