package io.nubo.metering.hashmap;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A hashmap service: the metric type its rules price (instance, volume.size...). */
@Entity
@Table(name = "hashmap_service")
class HashmapService {
    @Id
    String id;
    String name;

    protected HashmapService() {
    }

    HashmapService(String id, String name) {
        this.id = id;
        this.name = name;
    }
}
