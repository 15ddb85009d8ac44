package io.nubo.metering.ledger;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The metric types the ledger keeps, named as CloudKitty's collector names them (the hashmap service a rule is
 * attached to), with the unit of their level. A usage interval's quantity is level x hours.
 */
public enum Metric {
    INSTANCE("instance", "instance", "flavor_id", "flavor_name", "vcpus", "ram", "disk", "state"),
    VOLUME("volume.size", "GiB", "volume_type"),
    SNAPSHOT("volume.snapshot.size", "GiB", "volume_id"),
    BACKUP("volume.backup.size", "GiB", "volume_id"),
    IMAGE("image.size", "GiB", "disk_format", "container_format", "store"),
    OBJECT_STORAGE("storage.objects.size", "GiB"),
    FLOATING_IP("ip.floating", "ip", "floating_network_id"),
    ROUTER_GATEWAY("network.router.gateway", "gateway", "external_network_id");

    private final String type;
    private final String unit;
    private final List<String> metadata;

    Metric(String type, String unit, String... metadata) {
        this.type = type;
        this.unit = unit;
        this.metadata = List.of(metadata);
    }

    /** The attributes its intervals carry, which hashmap fields can match. */
    public List<String> metadata() {
        return metadata;
    }

    public String type() {
        return type;
    }

    public String unit() {
        return unit;
    }

    public static Optional<Metric> ofType(String type) {
        return Arrays.stream(values()).filter(m -> m.type.equals(type)).findFirst();
    }
}
