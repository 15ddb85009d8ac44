package io.nubo.shared.events;

import java.time.Instant;
import java.util.UUID;
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

    /** The payload as the given record, or null when the envelope carries another type. */
    public <T extends NuboEvent> T payload(EventEnvelope envelope, Class<T> type) {
        if (!contractOf(type).type().equals(envelope.eventType())) {
            return null;
        }
        return mapper.treeToValue(envelope.payload(), type);
    }
}
