package io.nubo.shared.events;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/** Encodes event records into envelopes and back, using the contract annotation for type and version. */
public class EventCodec {

    private final JsonMapper mapper;
    private final String source;

    public EventCodec(JsonMapper mapper, String source) {
        this.mapper = mapper;
        this.source = source;
    }

    public static EventContract contractOf(Class<?> type) {
        EventContract c = type.getAnnotation(EventContract.class);
        if (c == null) {
            throw new IllegalArgumentException(type.getName() + " is not annotated with @EventContract");
        }
        return c;
    }

    public EventEnvelope envelope(NuboEvent event, String requestId, String projectId) {
        EventContract c = contractOf(event.getClass());
        return new EventEnvelope(UUID.randomUUID(), c.type(), c.version(), Instant.now(), source, requestId, projectId,
                mapper.valueToTree(event));
    }

    public String toJson(EventEnvelope envelope) {
        return mapper.writeValueAsString(envelope);
    }

    public EventEnvelope fromJson(String json) {
        return mapper.readValue(json, EventEnvelope.class);
    }

    /**
     * The envelope in a consumed record, or empty when the record is not one: a consumer skips such a record and
     * goes on, rather than failing on it at every redelivery. {@code unreadable} is told why (a consumer logs it
     * there; one that only takes hints from a topic another consumer already logs for may say nothing).
     */
    public Optional<EventEnvelope> decode(String json, Consumer<? super RuntimeException> unreadable) {
        try {
            EventEnvelope envelope = fromJson(json);
            if (envelope == null) {
                throw new IllegalArgumentException("a JSON null, not an event envelope");
            }
            return Optional.of(envelope);
        } catch (RuntimeException bad) {
            unreadable.accept(bad);
            return Optional.empty();
        }
    }

    /** The payload as the given record, or null when the envelope carries another type. */
    public <T extends NuboEvent> T payload(EventEnvelope envelope, Class<T> type) {
        if (!contractOf(type).type().equals(envelope.eventType())) {
            return null;
        }
        return mapper.treeToValue(envelope.payload(), type);
    }
}
