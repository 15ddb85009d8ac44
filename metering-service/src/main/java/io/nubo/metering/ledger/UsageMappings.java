package io.nubo.metering.ledger;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.EventEnvelope;
import io.nubo.shared.events.ImageActivated;
import io.nubo.shared.events.ImageDeleted;
import io.nubo.shared.events.InstanceCreated;
import io.nubo.shared.events.InstanceDeleted;
import io.nubo.shared.events.InstanceLifecycle;
import io.nubo.shared.events.InstanceStarted;
import io.nubo.shared.events.InstanceStopped;
import io.nubo.shared.events.NuboEvent;
import io.nubo.shared.events.ObjectStorageUsageChanged;
import io.nubo.shared.events.blockstorage.SnapshotCreated;
import io.nubo.shared.events.blockstorage.SnapshotDeleted;
import io.nubo.shared.events.blockstorage.VolumeCreated;
import io.nubo.shared.events.blockstorage.VolumeDeleted;
import io.nubo.shared.events.blockstorage.VolumeResized;
import io.nubo.shared.events.compute.FlavorSpec;
import io.nubo.shared.events.network.FloatingIpAssociated;
import io.nubo.shared.events.network.FloatingIpDisassociated;
import io.nubo.shared.events.network.RouterGatewayCleared;
import io.nubo.shared.events.network.RouterGatewaySet;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The one table that says what each event type does to the ledger: an event kind is one entry here, mapping the
 * event to an interval being opened (a level set), changed, or closed. An event type without an entry is kept
 * raw by the ledger and changes nothing.
 */
public final class UsageMappings {

    private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);

    private final EventCodec codec;
    private final Map<String, BiFunction<EventEnvelope, Object, ResourceChange>> byType = new HashMap<>();

    public UsageMappings(EventCodec codec) {
        this.codec = codec;
        on(ImageActivated.class, (e, i) -> new ResourceChange(i.owner(), Metric.IMAGE, i.imageId(),
                new UsageChange.Set(gib(i.size()), attributes("disk_format", i.diskFormat(),
                        "container_format", i.containerFormat(), "store", i.store()))));
        on(ImageDeleted.class, (e, i) -> new ResourceChange(i.owner(), Metric.IMAGE, i.imageId(),
                new UsageChange.Close()));
        on(ObjectStorageUsageChanged.class, (e, u) -> new ResourceChange(u.projectId(), Metric.OBJECT_STORAGE,
                u.account() + "/" + u.container(), new UsageChange.Add(gib(u.bytesDelta()))));
        // An instance counts from launch to termination, stopped or not, as Nova's os-simple-tenant-usage counts
        // it; its state is an attribute, so an operator can price stopped time differently.
        on(InstanceCreated.class, (e, i) -> instance(i, "active"));
        on(InstanceStarted.class, (e, i) -> instance(i, "active"));
        on(InstanceStopped.class, (e, i) -> instance(i, "stopped"));
        on(InstanceDeleted.class, (e, i) -> new ResourceChange(i.projectId(), Metric.INSTANCE, i.instanceId(),
                new UsageChange.Close(), i.at()));
        on(VolumeCreated.class, (e, v) -> new ResourceChange(v.projectId(), Metric.VOLUME, v.volumeId(),
                new UsageChange.Set(BigDecimal.valueOf(v.sizeGb()), attributes("volume_type", v.volumeTypeId())),
                v.createdAt()));
        on(VolumeResized.class, (e, v) -> new ResourceChange(v.projectId(), Metric.VOLUME, v.volumeId(),
                new UsageChange.Set(BigDecimal.valueOf(v.newSizeGb()), null), v.resizedAt()));
        on(VolumeDeleted.class, (e, v) -> new ResourceChange(v.projectId(), Metric.VOLUME, v.volumeId(),
                new UsageChange.Close(), v.deletedAt()));
        on(SnapshotCreated.class, (e, s) -> new ResourceChange(s.projectId(), Metric.SNAPSHOT, s.snapshotId(),
                new UsageChange.Set(BigDecimal.valueOf(s.sizeGb()), attributes("volume_id", s.volumeId())),
                s.createdAt()));
        on(SnapshotDeleted.class, (e, s) -> new ResourceChange(s.projectId(), Metric.SNAPSHOT, s.snapshotId(),
                new UsageChange.Close(), s.deletedAt()));
        on(FloatingIpAssociated.class, (e, f) -> new ResourceChange(f.projectId(), Metric.FLOATING_IP,
                f.floatingIpId(), new UsageChange.Set(BigDecimal.ONE, attributes("floating_network_id",
                f.floatingNetworkId())), f.occurredAt()));
        on(FloatingIpDisassociated.class, (e, f) -> new ResourceChange(f.projectId(), Metric.FLOATING_IP,
                f.floatingIpId(), new UsageChange.Close(), f.occurredAt()));
        on(RouterGatewaySet.class, (e, r) -> new ResourceChange(r.projectId(), Metric.ROUTER_GATEWAY, r.routerId(),
                new UsageChange.Set(BigDecimal.ONE, attributes("external_network_id", r.networkId())),
                r.occurredAt()));
        on(RouterGatewayCleared.class, (e, r) -> new ResourceChange(r.projectId(), Metric.ROUTER_GATEWAY,
                r.routerId(), new UsageChange.Close(), r.occurredAt()));
    }

    private static ResourceChange instance(InstanceLifecycle i, String state) {
        FlavorSpec f = i.flavor();
        Map<String, String> attrs = f == null ? attributes("state", state) : attributes("flavor_id", f.id(),
                "flavor_name", f.name(), "vcpus", String.valueOf(f.vcpus()), "ram", String.valueOf(f.ramMb()),
                "disk", String.valueOf(f.diskGb()), "state", state);
        return new ResourceChange(i.projectId(), Metric.INSTANCE, i.instanceId(), new UsageChange.Set(BigDecimal.ONE,
                attrs), i.at());
    }

    private <T extends NuboEvent> void on(Class<T> type, BiFunction<EventEnvelope, T, ResourceChange> mapping) {
        byType.put(EventCodec.contractOf(type).type(),
                (envelope, ignored) -> mapping.apply(envelope, codec.payload(envelope, type)));
    }

    /** The event's effect, or null when the ledger does not know its type. */
    public ResourceChange map(EventEnvelope envelope) {
        BiFunction<EventEnvelope, Object, ResourceChange> m = byType.get(envelope.eventType());
        return m == null ? null : m.apply(envelope, null);
    }

    public Set<String> knownTypes() {
        return byType.keySet();
    }

    /** Bytes as GiB, exactly (a power of two divides without rounding). */
    static BigDecimal gib(long bytes) {
        return BigDecimal.valueOf(bytes).divide(GIB, MathContext.UNLIMITED).stripTrailingZeros();
    }

    static Map<String, String> attributes(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                m.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return m;
    }
}
