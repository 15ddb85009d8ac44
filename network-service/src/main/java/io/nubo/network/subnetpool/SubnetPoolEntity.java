package io.nubo.network.subnetpool;

import io.nubo.network.common.Json;
import io.nubo.network.common.StandardAttributes;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.List;

/** A subnet pool row; its prefixes are a small list kept as JSON text. */
@Entity
@Table(name = "subnetpools")
class SubnetPoolEntity extends StandardAttributes {

    String name = "";
    @Column(name = "ip_version", updatable = false)
    int ipVersion;
    String prefixes = "[]";
    @Column(name = "default_prefixlen")
    int defaultPrefixlen;
    @Column(name = "min_prefixlen")
    int minPrefixlen;
    @Column(name = "max_prefixlen")
    int maxPrefixlen;
    boolean shared;
    @Column(name = "is_default")
    boolean isDefault;

    protected SubnetPoolEntity() {
    }

    SubnetPoolEntity(String projectId) {
        super(projectId);
    }

    List<String> prefixList() {
        return Json.readList(prefixes, String.class);
    }
}
