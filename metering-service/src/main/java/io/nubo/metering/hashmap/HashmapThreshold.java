package io.nubo.metering.hashmap;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/** A threshold: a cost that applies from {@code level} on (of the quantity on a service, of the attribute on a field). */
@Entity
@Table(name = "hashmap_threshold")
class HashmapThreshold extends HashmapRule {
    BigDecimal level;
}
