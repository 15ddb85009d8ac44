package io.nubo.metering.hashmap;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.math.BigDecimal;

/** What mappings and thresholds share: a flat or rate cost on a service or a field, in a group, for a project. */
@MappedSuperclass
abstract class HashmapRule {
    @Id
    String id;
    @Column(name = "map_type")
    String type;
    BigDecimal cost;
    @Column(name = "service_id")
    String serviceId;
    @Column(name = "field_id")
    String fieldId;
    @Column(name = "group_id")
    String groupId;
    @Column(name = "tenant_id")
    String tenantId;
}
