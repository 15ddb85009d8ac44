package io.nubo.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.ceph.rados.IoCTX;
import com.ceph.rados.Rados;
import com.ceph.rbd.Rbd;
import io.nubo.testsupport.SingleNodeCeph;
import io.nubo.testsupport.TestTokens;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The rbd store through the API, on a real single-node Ceph: listed and default in {@code /v2/info/stores}, uploads
 * land as RBD images with Glance's {@code rbd://} location, and a delete answers 409 while a clone (what Nova or
 * Cinder makes from the location) exists, then 204 once it is gone.
 */
@DirtiesContext
class ImageRbdApiTest extends ImageHttpTest {

    private static SingleNodeCeph ceph;

    final String alice = TestTokens.project("p-rbd", "member");
    final byte[] data = "bytes in a Ceph RBD image".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void startCeph() throws Exception {
        ceph = SingleNodeCeph.start("images");
    }

    @AfterAll
    static void stopCeph() throws Exception {
        if (ceph != null) {
            ceph.close();
        }
    }

    @DynamicPropertySource
    static void rbd(DynamicPropertyRegistry r) {
        r.add("nubo.image.rbd.enabled", () -> "true");
        r.add("nubo.image.rbd.conf", () -> ceph.conf());
        r.add("nubo.image.default-store", () -> "rbd");
    }

    @Test
    void uploadsGoToRbdAndAnImageWithACloneCannotBeDeleted() throws Exception {
        JsonNode stores = json(alice, "GET", "/v2/info/stores", null).json().get("stores");
        assertThat(stores.size()).isEqualTo(2);
        for (JsonNode store : stores) {
            assertThat(store.get("id").asString()).isIn("file", "rbd");
            assertThat(store.has("default")).isEqualTo(store.get("id").asString().equals("rbd"));
        }

        String id = create(alice, "{\"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        assertThat(upload(alice, id, data).status()).isEqualTo(204);
        JsonNode image = json(alice, "GET", "/v2/images/" + id, null).json();
        assertThat(image.get("stores").asString()).isEqualTo("rbd");
        assertThat(image.get("direct_url").asString()).matches("rbd://[0-9a-f-]{36}/images/" + id + "/snap");
        assertThat(call(alice, "GET", "/v2/images/" + id + "/file", null, null).bytes()).isEqualTo(data);

        Rados rados = new Rados("admin");
        rados.confReadFile(new File(ceph.conf()));
        rados.connect();
        IoCTX io = rados.ioCtxCreate("images");
        try {
            Rbd rbd = new Rbd(io);
            rbd.clone(id, "snap", io, "volume-" + id, 1L, 0);
            Reply refused = json(alice, "DELETE", "/v2/images/" + id, null);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.body()).contains("could not be deleted because it is in use");
            assertThat(json(alice, "GET", "/v2/images/" + id, null).json().get("status").asString())
                    .isEqualTo("active");
            assertThat(call(alice, "GET", "/v2/images/" + id + "/file", null, null).bytes()).isEqualTo(data);

            rbd.remove("volume-" + id);
            assertThat(json(alice, "DELETE", "/v2/images/" + id, null).status()).isEqualTo(204);
            assertThat(List.of(rbd.list())).doesNotContain(id);
        } finally {
            rados.ioCtxDestroy(io);
            rados.shutDown();
        }
    }
}
