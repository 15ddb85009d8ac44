package io.nubo.blockstorage.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.blockstorage.BlockStorageHttpTest;
import io.nubo.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * User messages (3.3) and their paging (3.5): a volume whose type asks for a storage protocol and vendor no backend
 * has goes to error, as Cinder's scheduler leaves it, with the message saying no backend was found.
 */
@org.junit.jupiter.api.Tag("integration")
class MessageApiTest extends BlockStorageHttpTest {

    final String jo = TestTokens.project("p-jo", "member");
    final String kim = TestTokens.project("p-kim", "member");
    final String admin = TestTokens.project("p-admin", "admin");

    @Test
    void aVolumeNoBackendCanTakeIsErrorWithAMessage() throws Exception {
        Reply type = call(admin, "POST", v3("p-admin", "types"), "{\"volume_type\": {\"name\": \"bogus-protocol\","
                + " \"extra_specs\": {\"storage_protocol\": \"nope\", \"vendor_name\": \"nobody\"}}}");
        assertThat(type.status()).isEqualTo(200);
        String typeId = type.json().at("/volume_type/id").asString();
        String id = volume(jo, "p-jo", "{\"volume\": {\"size\": 1, \"volume_type\": \"" + typeId + "\"}}", "error");
        awaitMessages(1);
        // a type asking for what the backend has is scheduled as before
        Reply fits = call(admin, "POST", v3("p-admin", "types"), "{\"volume_type\": {\"name\": \"file-protocol\","
                + " \"extra_specs\": {\"capabilities:storage_protocol\": \"<in> file\", \"vendor_name\":"
                + " \"Open Source\", \"other\": \"x\"}}}");
        volume(jo, "p-jo", "{\"volume\": {\"size\": 1, \"volume_type\": \"" + fits.json().at("/volume_type/id")
                .asString() + "\"}}", "available");

        String v33 = "volume 3.3";
        assertThat(call(jo, "GET", v3("p-jo", "messages"), null, "OpenStack-API-Version", "volume 3.2").status())
                .isEqualTo(404);
        JsonNode list = call(jo, "GET", v3("p-jo", "messages"), null, "OpenStack-API-Version", v33).json()
                .get("messages");
        assertThat(list).hasSize(1);
        JsonNode m = list.get(0);
        assertThat(m.get("resource_uuid").asString()).isEqualTo(id);
        assertThat(m.get("resource_type").asString()).isEqualTo("VOLUME");
        assertThat(m.get("event_id").asString()).isEqualTo("VOLUME_VOLUME_001_003");
        assertThat(m.get("user_message").asString())
                .isEqualTo("schedule allocate volume:Could not find any available weighted backend.");
        assertThat(m.get("message_level").asString()).isEqualTo("ERROR");
        assertThat(m.get("request_id").asString()).startsWith("req-");
        assertThat(m.get("guaranteed_until").asString()).isGreaterThan(m.get("created_at").asString());
        String mid = m.get("id").asString();
        Reply shown = call(jo, "GET", v3("p-jo", "messages/" + mid), null, "OpenStack-API-Version", v33);
        assertThat(shown.json().at("/message/id").asString()).isEqualTo(mid);
        assertThat(shown.json().at("/message/links/0/href").asString()).endsWith("/v3/p-jo/messages/" + mid);
        // another project sees nothing of it; an administrator does
        assertThat(call(kim, "GET", v3("p-kim", "messages"), null, "OpenStack-API-Version", v33).json()
                .get("messages")).isEmpty();
        assertThat(call(kim, "GET", v3("p-kim", "messages/" + mid), null, "OpenStack-API-Version", v33).status())
                .isEqualTo(404);
        assertThat(call(kim, "DELETE", v3("p-kim", "messages/" + mid), null, "OpenStack-API-Version", v33)
                .status()).isEqualTo(404);
        assertThat(call(admin, "GET", v3("p-admin", "messages/" + mid), null, "OpenStack-API-Version", v33)
                .status()).isEqualTo(200);
        // filters
        assertThat(call(jo, "GET", v3("p-jo", "messages?event_id=VOLUME_VOLUME_001_001"), null,
                "OpenStack-API-Version", v33).json().get("messages")).isEmpty();
        assertThat(call(jo, "GET", v3("p-jo", "messages?resource_uuid=" + id), null,
                "OpenStack-API-Version", v33).json().get("messages")).hasSize(1);

        // 3.5: paging; before it limit is ignored
        volume(jo, "p-jo", "{\"volume\": {\"size\": 1, \"volume_type\": \"" + typeId + "\"}}", "error");
        awaitMessages(2);
        assertThat(call(jo, "GET", v3("p-jo", "messages?limit=1"), null, "OpenStack-API-Version", "volume 3.4")
                .json().get("messages")).hasSize(2);
        Reply page = call(jo, "GET", v3("p-jo", "messages?limit=1&sort=created_at:asc"), null,
                "OpenStack-API-Version", "volume 3.5");
        assertThat(page.json().get("messages")).hasSize(1);
        assertThat(page.json().get("messages").get(0).get("id").asString()).isEqualTo(mid);
        assertThat(page.json().at("/messages_links/0/rel").asString()).isEqualTo("next");
        assertThat(page.json().at("/messages_links/0/href").asString()).contains("marker=" + mid);
        Reply next = call(jo, "GET", v3("p-jo", "messages?limit=1&sort=created_at:asc&marker=" + mid), null,
                "OpenStack-API-Version", "volume 3.5");
        assertThat(next.json().get("messages").get(0).get("id").asString()).isNotEqualTo(mid);
        assertThat(call(jo, "GET", v3("p-jo", "messages?marker=nope"), null, "OpenStack-API-Version",
                "volume 3.5").status()).isEqualTo(404);

        assertThat(call(jo, "DELETE", v3("p-jo", "messages/" + mid), null, "OpenStack-API-Version", v33).status())
                .isEqualTo(204);
        Reply gone = call(jo, "GET", v3("p-jo", "messages/" + mid), null, "OpenStack-API-Version", v33);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().at("/itemNotFound/message").asString())
                .isEqualTo("Message " + mid + " could not be found.");
        // the error volume deletes as any other
        assertThat(call(jo, "DELETE", v3("p-jo", "volumes/" + id), null).status()).isEqualTo(202);
        awaitStatus(jo, "p-jo", "volumes", "volume", id, "deleted");
    }

    /** The work records a message just after it sets the volume's status (as Cinder does): wait for the count. */
    private void awaitMessages(int count) throws Exception {
        for (int i = 0; i < 50 && call(jo, "GET", v3("p-jo", "messages"), null, "OpenStack-API-Version",
                "volume 3.3").json().get("messages").size() < count; i++) {
            Thread.sleep(100);
        }
    }
}
