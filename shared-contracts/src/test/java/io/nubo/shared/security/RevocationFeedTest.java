package io.nubo.shared.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.ProjectDeleted;
import io.nubo.shared.events.TokenRevoked;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@link RevocationFeed} makes of one record of the revocation topic (no Kafka): a revocation goes into the list;
 * a record that cannot be read is skipped with an error that says why, and the feed goes on to the next one.
 */
class RevocationFeedTest {

    final EventCodec codec = new EventCodec(JsonMapper.builder().build(), "identity");
    final RevocationList list = new RevocationList(Duration.ofHours(2));
    final RevocationFeed feed = new RevocationFeed(Map.of(), list, codec);
    final Logger logger = (Logger) LoggerFactory.getLogger(RevocationFeed.class);
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    RevocationFeedTest() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(logged);
    }

    @Test
    void aRevocationGoesIntoTheListAndOtherEventsDoNot() {
        TokenRevoked r = revocation("u1");
        feed.apply(codec.toJson(codec.envelope(r, null, null)));
        feed.apply(codec.toJson(codec.envelope(new ProjectDeleted("p1", "d1"), null, null)));

        assertThat(list.snapshot()).containsExactly(r);
        assertThat(logged.list).isEmpty();
    }

    @Test
    void whatCannotBeReadIsSkippedWithAnErrorAndTheNextRevocationStillApplies() {
        String good = codec.toJson(codec.envelope(revocation("u1"), null, null));
        String eventId = codec.fromJson(good).eventId().toString();
        String badPayload = good.replaceFirst("\"payload\":\\{[^}]*}", "\"payload\":\"not a revocation\"");
        String noPayload = good.replaceFirst("\"payload\":\\{[^}]*}", "\"payload\":null");
        assertThat(badPayload).isNotEqualTo(good);
        assertThat(noPayload).isNotEqualTo(good);

        for (String record : new String[] {"not json", "null", "", null, badPayload, noPayload}) {
            feed.apply(record);
        }
        assertThat(list.size()).isZero();
        assertThat(logged.list).hasSize(6).allMatch(e -> e.getLevel() == Level.ERROR);
        assertThat(logged.list.subList(4, 6)).allMatch(e -> e.getFormattedMessage().startsWith(
                "Revocation " + eventId + " cannot be read and is not applied"));

        TokenRevoked next = revocation("u2");
        feed.apply(codec.toJson(codec.envelope(next, null, null)));
        assertThat(list.snapshot()).containsExactly(next);
    }

    private static TokenRevoked revocation(String userId) {
        Instant now = Instant.now();
        return new TokenRevoked(null, null, userId, null, null, now, now);
    }
}
