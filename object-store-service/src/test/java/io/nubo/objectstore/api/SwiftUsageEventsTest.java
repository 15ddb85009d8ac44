package io.nubo.objectstore.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.testsupport.TestTokens;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/** Container and object changes leave usage events in the outbox, in the same transaction as the change. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=object-store-service")
@Import(TestTokens.Keys.class)
class SwiftUsageEventsTest extends SwiftApiTestBase {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyChangeOfStoredBytesIsAnEvent() throws Exception {
        String token = TestTokens.project("meter", "member");
        String a = "/v1/AUTH_meter";
        call("PUT", a + "/c", token, null);
        call("PUT", a + "/c/o", token, "12345");
        call("PUT", a + "/c/o", token, "123");
        call("PUT", a + "/c/bad", token, "123", "ETag", "00000000000000000000000000000000");
        call("DELETE", a + "/c/o", token, null);
        call("DELETE", a + "/c", token, null);
        List<String> envelopes = jdbc.queryForList("SELECT envelope FROM nubo_outbox WHERE topic = "
                + "'nubo.object-store.v1' AND message_key = 'AUTH_meter' ORDER BY created_at, event_id", String.class);
        assertThat(envelopes).hasSize(5);
        String all = String.join("\n", envelopes);
        assertThat(all).contains("\"event_type\":\"object-store.usage.changed\"", "\"project_id\":\"meter\"",
                "\"change\":\"container.created\"", "\"change\":\"container.deleted\"");
        assertThat(all).contains("\"object\":\"o\",\"change\":\"object.created\",\"bytes_delta\":5,\"objects_delta\":1");
        assertThat(all).contains("\"change\":\"object.replaced\",\"bytes_delta\":-2,\"objects_delta\":0");
        assertThat(all).contains("\"change\":\"object.deleted\",\"bytes_delta\":-3,\"objects_delta\":-1");
        assertThat(all).doesNotContain("\"object\":\"bad\"");
    }
}
