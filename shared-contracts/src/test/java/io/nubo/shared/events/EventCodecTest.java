package io.nubo.shared.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class EventCodecTest {

    private final EventCodec codec = new EventCodec(JsonMapper.builder().build(), "identity");

    @Test
    void envelopeRoundTripsWithSnakeCaseFieldsAndIsoTimes() {
        Instant t = Instant.parse("2026-11-23T10:00:00Z");
        TokenRevoked r = new TokenRevoked("a", null, "u", null, null, t, t);
        EventEnvelope env = codec.envelope(r, "req-1", "p1");
        String json = codec.toJson(env);
        assertThat(json).contains("\"event_type\":\"identity.token.revoked\"", "\"schema_version\":\"1.0\"",
                "\"source\":\"identity\"", "\"project_id\":\"p1\"", "\"issued_before\":\"2026-11-23T10:00:00Z\"",
                "\"audit_id\":\"a\"");
        EventEnvelope back = codec.fromJson(json);
        assertThat(back.eventId()).isEqualTo(env.eventId());
        assertThat(codec.payload(back, TokenRevoked.class)).isEqualTo(r);
    }

    @Test
    void readersIgnoreUnknownFieldsAndOtherTypes() {
        String json = "{\"event_id\":\"6f1f0c1e-5b43-4a0e-9d39-2f3b8c3f8a11\",\"event_type\":\"identity.token.revoked\","
                + "\"schema_version\":\"1.1\",\"future\":1,\"payload\":{\"user_id\":\"u\",\"new_field\":true}}";
        TokenRevoked r = codec.payload(codec.fromJson(json), TokenRevoked.class);
        assertThat(r.userId()).isEqualTo("u");
        String other = json.replace("identity.token.revoked", "identity.project.created");
        assertThat(codec.payload(codec.fromJson(other), TokenRevoked.class)).isNull();
    }

    @Test
    void decodeGivesTheEnvelopeOfAGoodRecordAndTellsNothing() {
        Instant t = Instant.parse("2026-11-23T10:00:00Z");
        TokenRevoked r = new TokenRevoked("a", null, "u", null, null, t, t);
        EventEnvelope sent = codec.envelope(r, "req-1", "p1");
        List<RuntimeException> told = new ArrayList<>();

        EventEnvelope got = codec.decode(codec.toJson(sent), told::add).orElseThrow();

        assertThat(got.eventId()).isEqualTo(sent.eventId());
        assertThat(codec.payload(got, TokenRevoked.class)).isEqualTo(r);
        assertThat(told).isEmpty();
    }

    @Test
    void decodeSkipsWhatIsNotAnEnvelopeAndTellsWhyInsteadOfThrowing() {
        for (String record : new String[] {"not json", "{\"event_id\":\"not-a-uuid\"}", "[1, 2]", "null", "", null}) {
            List<String> log = new ArrayList<>();

            assertThat(codec.decode(record, bad -> log.add("Skipping " + bad))).as(record).isEmpty();

            assertThat(log).as(record).singleElement().asString().startsWith("Skipping ");
        }
    }
}
