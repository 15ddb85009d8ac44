package io.nubo.metering.ledger;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.EventEnvelope;
import io.nubo.shared.events.ImageActivated;
import io.nubo.shared.events.ImageDeleted;
import io.nubo.shared.events.NuboEvent;
import io.nubo.shared.events.ObjectStorageUsageChanged;
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
