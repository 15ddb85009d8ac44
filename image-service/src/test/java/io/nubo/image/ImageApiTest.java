package io.nubo.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ImageApiTest extends ImageHttpTest {

    final String alice = TestTokens.project("p-alice", "member");
    final String bob = TestTokens.project("p-bob", "member");
    final String admin = TestTokens.project("p-admin", "admin");

    @Test
    void createShowsGlanceFieldsAndCustomPropertiesAtTopLevel() throws Exception {
        Reply r = json(alice, "POST", "/v2/images", "{\"name\": \"cirros\", \"disk_format\": \"qcow2\","
                + " \"container_format\": \"bare\", \"tags\": [\"a\", \"b\"], \"os_distro\": \"cirros\","
                + " \"min_ram\": 64}");
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.header("OpenStack-image-import-methods")).contains("glance-direct");
        JsonNode i = r.json();
        String id = i.get("id").asString();
        assertThat(i.get("status").asString()).isEqualTo("queued");
        assertThat(i.get("visibility").asString()).isEqualTo("shared");
        assertThat(i.get("owner").asString()).isEqualTo("p-alice");
        assertThat(i.get("os_distro").asString()).isEqualTo("cirros");
        assertThat(i.get("min_ram").asInt()).isEqualTo(64);
        assertThat(i.has("properties")).isFalse();
        assertThat(i.get("checksum").isNull()).isTrue();
        assertThat(i.get("size").isNull()).isTrue();
        assertThat(i.get("self").asString()).isEqualTo("/v2/images/" + id);
        assertThat(i.get("file").asString()).isEqualTo("/v2/images/" + id + "/file");
        assertThat(i.get("schema").asString()).isEqualTo("/v2/schemas/image");
        assertThat(i.get("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(json(alice, "GET", "/v2/images/" + id, null).json().get("tags").toString())
                .isEqualTo("[\"a\",\"b\"]");
        assertThat(json(bob, "GET", "/v2/images/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void badInputIsRefusedWithGlanceErrors() throws Exception {
        Reply disk = json(alice, "POST", "/v2/images", "{\"disk_format\": \"floppy\"}");
        assertThat(disk.status()).isEqualTo(400);
        assertThat(disk.body()).contains("<h1>400 Bad Request</h1>").contains("floppy");
        assertThat(json(alice, "POST", "/v2/images", "{\"container_format\": \"zip\"}").status()).isEqualTo(400);
        assertThat(json(alice, "POST", "/v2/images", "{\"status\": \"active\"}").status()).isEqualTo(403);
        assertThat(json(alice, "POST", "/v2/images", "{\"os_glance_x\": \"1\"}").status()).isEqualTo(403);
        assertThat(json(alice, "POST", "/v2/images", "{\"visibility\": \"public\"}").status()).isEqualTo(403);
        assertThat(json(alice, "POST", "/v2/images", "{\"k\": 5}").status()).isEqualTo(400);
        assertThat(json(alice, "POST", "/v2/images", "{nope").status()).isEqualTo(400);
        String id = create(alice, "{\"name\": \"x\"}");
        assertThat(patch(alice, id, "{\"op\": \"add\"}").status()).isEqualTo(400);
        assertThat(patch(alice, id, "[{\"op\": \"move\", \"path\": \"/name\", \"value\": 1}]").status()).isEqualTo(400);
        assertThat(patch(alice, id, "[{\"op\": \"replace\", \"path\": \"/nope\", \"value\": \"1\"}]").status())
                .isEqualTo(409);
        assertThat(patch(alice, id, "[{\"op\": \"remove\", \"path\": \"/nope\"}]").status()).isEqualTo(409);
        assertThat(patch(alice, id, "[{\"op\": \"replace\", \"path\": \"/size\", \"value\": 1}]").status())
                .isEqualTo(403);
        assertThat(call(alice, "PATCH", "/v2/images/" + id, "application/json", "[]".getBytes()).status())
                .isEqualTo(415);
        // a failed patch changes nothing, even its valid operations
        assertThat(patch(alice, id, "[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"y\"},"
                + " {\"op\": \"add\", \"path\": \"/min_ram\", \"value\": -1}]").status()).isEqualTo(400);
        assertThat(json(alice, "GET", "/v2/images/" + id, null).json().get("name").asString()).isEqualTo("x");
    }

    @Test
    void patchAddsReplacesAndRemovesProperties() throws Exception {
        String id = create(alice, "{\"name\": \"before\"}");
        Reply r = patch(alice, id, "[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"after\"},"
                + " {\"op\": \"add\", \"path\": \"/hw_disk_bus\", \"value\": \"virtio\"},"
                + " {\"op\": \"add\", \"path\": \"/protected\", \"value\": true}]");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("name").asString()).isEqualTo("after");
        assertThat(r.json().get("hw_disk_bus").asString()).isEqualTo("virtio");
        assertThat(json(alice, "DELETE", "/v2/images/" + id, null).status()).isEqualTo(403);
        r = patch(alice, id, "[{\"op\": \"remove\", \"path\": \"/hw_disk_bus\"},"
                + " {\"op\": \"replace\", \"path\": \"/protected\", \"value\": false}]");
        assertThat(r.json().has("hw_disk_bus")).isFalse();
        Reply v20 = call(alice, "PATCH", "/v2/images/" + id, "application/openstack-images-v2.0-json-patch",
                "[{\"replace\": \"/name\", \"value\": \"older dialect\"}]".getBytes(StandardCharsets.UTF_8));
        assertThat(v20.status()).isEqualTo(200);
        assertThat(v20.json().get("name").asString()).isEqualTo("older dialect");
        assertThat(patch(bob, id, "[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"z\"}]").status())
                .isEqualTo(404);
        assertThat(json(alice, "DELETE", "/v2/images/" + id, null).status()).isEqualTo(204);
        assertThat(json(alice, "GET", "/v2/images/" + id, null).status()).isEqualTo(404);
        assertThat(json(alice, "DELETE", "/v2/images/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void theImageCountQuotaAnswers413() throws Exception {
        String token = TestTokens.project("p-many", "member");
        for (int n = 0; n < 20; n++) {
            create(token, "{\"name\": \"n" + n + "\"}");
        }
        Reply over = json(token, "POST", "/v2/images", "{\"name\": \"one too many\"}");
        assertThat(over.status()).isEqualTo(413);
        assertThat(over.body()).contains("Maximum number of images (20)");
        assertThat(json(token, "GET", "/v2/images?limit=100", null).json().get("images")).hasSize(20);
        assertThat(json(token, "GET", "/v2/info/usage", null).json().get("usage").get("image_count_total")
                .get("usage").asInt()).isEqualTo(20);
    }

    @Test
    void membersShareAcceptAndRejectImages() throws Exception {
        String id = create(alice, "{\"name\": \"shared one\", \"visibility\": \"shared\"}");
        Reply add = json(alice, "POST", "/v2/images/" + id + "/members", "{\"member\": \"p-bob\"}");
        assertThat(add.status()).isEqualTo(200);
        assertThat(add.json().get("status").asString()).isEqualTo("pending");
        assertThat(add.json().get("schema").asString()).isEqualTo("/v2/schemas/member");
        assertThat(json(alice, "POST", "/v2/images/" + id + "/members", "{\"member\": \"p-bob\"}").status())
                .isEqualTo(409);
        assertThat(ids(json(bob, "GET", "/v2/images", null))).doesNotContain(id);
        assertThat(ids(json(bob, "GET", "/v2/images?member_status=pending", null))).contains(id);
        assertThat(json(bob, "GET", "/v2/images/" + id, null).status()).isEqualTo(200);
        assertThat(json(alice, "PUT", "/v2/images/" + id + "/members/p-bob", "{\"status\": \"accepted\"}").status())
                .isEqualTo(403);
        assertThat(json(bob, "PUT", "/v2/images/" + id + "/members/p-bob", "{\"status\": \"maybe\"}").status())
                .isEqualTo(400);
        assertThat(json(bob, "PUT", "/v2/images/" + id + "/members/p-bob", "{\"status\": \"accepted\"}").status())
                .isEqualTo(200);
        assertThat(ids(json(bob, "GET", "/v2/images", null))).contains(id);
        assertThat(json(bob, "GET", "/v2/images/" + id + "/members", null).json().get("members")).hasSize(1);
        assertThat(json(bob, "DELETE", "/v2/images/" + id + "/members/p-bob", null).status()).isEqualTo(403);
        assertThat(json(alice, "DELETE", "/v2/images/" + id + "/members/p-bob", null).status()).isEqualTo(204);
        assertThat(json(bob, "GET", "/v2/images/" + id, null).status()).isEqualTo(404);
        String priv = create(alice, "{\"visibility\": \"private\"}");
        assertThat(json(alice, "POST", "/v2/images/" + priv + "/members", "{\"member\": \"p-bob\"}").status())
                .isEqualTo(403);
    }

    @Test
    void listFiltersSortsAndPages() throws Exception {
        String owner = "p-list";
        String t = TestTokens.project(owner, "member");
        for (int n = 0; n < 5; n++) {
            String id = create(t, "{\"name\": \"img" + n + "\", \"disk_format\": \"" + (n % 2 == 0 ? "raw" : "vmdk")
                    + "\", \"container_format\": \"bare\", \"visibility\": \"private\", \"tags\": [\"t" + n + "\"],"
                    + " \"flavor\": \"f" + (n % 2) + "\"}");
            upload(t, id, new byte[100 * (n + 1)]);
        }
        assertThat(json(t, "GET", "/v2/images?disk_format=raw", null).json().get("images")).hasSize(3);
        assertThat(json(t, "GET", "/v2/images?tag=t1", null).json().get("images")).hasSize(1);
        assertThat(json(t, "GET", "/v2/images?flavor=f1", null).json().get("images")).hasSize(2);
        assertThat(json(t, "GET", "/v2/images?size_min=200&size_max=400", null).json().get("images")).hasSize(3);
        assertThat(json(t, "GET", "/v2/images?name=in:img1,img2", null).json().get("images")).hasSize(2);
        JsonNode sorted = json(t, "GET", "/v2/images?sort=size:asc", null).json().get("images");
        assertThat(sorted.get(0).get("size").asLong()).isEqualTo(100);
        assertThat(json(t, "GET", "/v2/images?sort_key=size&sort_dir=desc", null).json().get("images").get(0)
                .get("size").asLong()).isEqualTo(500);
        assertThat(json(t, "GET", "/v2/images?sort_key=bogus", null).status()).isEqualTo(400);
        assertThat(json(t, "GET", "/v2/images?updated_at=gte:2000-01-01T00:00:00Z", null).json().get("images"))
                .hasSize(5);
        assertThat(json(t, "GET", "/v2/images?changes-since=2999-01-01T00:00:00Z", null).json().get("images"))
                .isEmpty();
        // pages of two, following next links
        java.util.List<String> seen = new java.util.ArrayList<>();
        String next = "/v2/images?limit=2&sort_key=name&sort_dir=asc";
        while (next != null) {
            JsonNode page = json(t, "GET", next, null).json();
            page.get("images").forEach(i -> seen.add(i.get("name").asString()));
            assertThat(page.get("first").asString()).startsWith("/v2/images");
            next = page.has("next") ? page.get("next").asString() : null;
        }
        assertThat(seen).containsExactly("img0", "img1", "img2", "img3", "img4");
        assertThat(json(t, "GET", "/v2/images?marker=" + java.util.UUID.randomUUID(), null).status()).isEqualTo(400);
    }

    @org.springframework.beans.factory.annotation.Autowired
    jakarta.persistence.EntityManagerFactory emf;

    /**
     * The list is filtered, ordered and paged by the database: a page of 3 loads at most 4 images (the page and
     * the one that says more follow) and the marker, whatever the number of images; pages under several sort
     * keys, with null values among them, join up to exactly the whole ordered list; a marker that the filters
     * exclude still names its place.
     */
    @Test
    void listPagesInTheDatabase() throws Exception {
        String t = TestTokens.project("p-pages", "member");
        for (int n = 0; n < 12; n++) {
            // names repeat and some are missing; sizes repeat; creation times tie within a second
            String name = n % 4 == 3 ? "" : ", \"name\": \"n" + (n % 3) + "\"";
            String id = create(t, "{\"disk_format\": \"raw\", \"container_format\": \"bare\"" + name
                    + ", \"tags\": [\"" + (n % 2 == 0 ? "even" : "odd") + "\"]}");
            if (n % 3 != 0) {
                upload(t, id, new byte[10 * (n % 4 + 1)]);
            }
        }
        org.hibernate.stat.Statistics stats = emf.unwrap(org.hibernate.SessionFactory.class).getStatistics();
        stats.setStatisticsEnabled(true);
        for (String sort : java.util.List.of("sort=name:asc,size:desc", "sort=name:desc,size:asc",
                "sort_key=size&sort_dir=asc", "sort_key=created_at&sort_dir=desc", "sort=status:asc,name:asc")) {
            java.util.List<String> whole = new java.util.ArrayList<>();
            json(t, "GET", "/v2/images?limit=100&" + sort, null).json().get("images")
                    .forEach(i -> whole.add(i.get("id").asString()));
            assertThat(whole).hasSize(12);
            java.util.List<String> paged = new java.util.ArrayList<>();
            String next = "/v2/images?limit=3&" + sort;
            while (next != null) {
                long before = stats.getEntityLoadCount();
                JsonNode page = json(t, "GET", next, null).json();
                assertThat(stats.getEntityLoadCount() - before).as("images loaded for one page, %s", sort)
                        .isLessThanOrEqualTo(5);
                page.get("images").forEach(i -> paged.add(i.get("id").asString()));
                next = page.has("next") ? page.get("next").asString() : null;
            }
            assertThat(paged).as(sort).containsExactlyElementsOf(whole);
        }
        // a marker the filter leaves out: the page starts where it would have been
        java.util.List<String> bySize = new java.util.ArrayList<>();
        json(t, "GET", "/v2/images?limit=100&sort=size:asc,id:asc", null).json().get("images")
                .forEach(i -> bySize.add(i.get("id").asString() + " " + i.get("tags").get(0).asString()));
        String firstOdd = bySize.stream().filter(s -> s.endsWith("odd")).findFirst().orElseThrow().split(" ")[0];
        java.util.List<String> evenAfter = new java.util.ArrayList<>();
        json(t, "GET", "/v2/images?limit=100&sort=size:asc,id:asc&tag=even&marker=" + firstOdd, null).json()
                .get("images").forEach(i -> evenAfter.add(i.get("id").asString()));
        assertThat(evenAfter).containsExactlyElementsOf(bySize.subList(bySize.indexOf(bySize.stream()
                .filter(s -> s.startsWith(firstOdd)).findFirst().orElseThrow()) + 1, bySize.size()).stream()
                .filter(s -> s.endsWith("even")).map(s -> s.split(" ")[0]).toList());
        // another project sees none of these private... shared-by-default images
        assertThat(json(bob, "GET", "/v2/images?limit=100&tag=even", null).json().get("images")).isEmpty();
    }

    @Test
    void tagsAddAndRemove() throws Exception {
        String id = create(alice, "{}");
        assertThat(json(alice, "PUT", "/v2/images/" + id + "/tags/fast", null).status()).isEqualTo(204);
        assertThat(json(alice, "GET", "/v2/images/" + id, null).json().get("tags").get(0).asString()).isEqualTo("fast");
        assertThat(json(alice, "DELETE", "/v2/images/" + id + "/tags/fast", null).status()).isEqualTo(204);
        assertThat(json(alice, "DELETE", "/v2/images/" + id + "/tags/fast", null).status()).isEqualTo(404);
        assertThat(json(alice, "PUT", "/v2/images/" + java.util.UUID.randomUUID() + "/tags/x", null).status())
                .isEqualTo(404);
    }

    @Test
    void schemasAndInfo() throws Exception {
        assertThat(json(alice, "GET", "/v2/schemas/image", null).json().get("name").asString()).isEqualTo("image");
        assertThat(json(alice, "GET", "/v2/schemas/images", null).json().get("name").asString()).isEqualTo("images");
        assertThat(json(alice, "GET", "/v2/schemas/members", null).json().get("name").asString()).isEqualTo("members");
        assertThat(json(alice, "GET", "/v2/schemas/metadefs/resource_type", null).json().get("name").asString())
                .isEqualTo("resource_type_association");
        assertThat(json(alice, "GET", "/v2/info/import", null).json().get("import-methods").get("value").toString())
                .contains("glance-direct", "web-download");
        JsonNode store = json(alice, "GET", "/v2/info/stores", null).json().get("stores").get(0);
        assertThat(store.get("id").asString()).isEqualTo("file");
        assertThat(store.get("default").asBoolean()).isTrue();
    }

    @Test
    void metadataDefinitionsCatalog() throws Exception {
        assertThat(json(alice, "POST", "/v2/metadefs/namespaces", "{\"namespace\": \"ns1\"}").status())
                .isEqualTo(403);
        Reply ns = json(admin, "POST", "/v2/metadefs/namespaces",
                "{\"namespace\": \"ns1\", \"visibility\": \"public\", \"protected\": true}");
        assertThat(ns.status()).isEqualTo(201);
        assertThat(json(alice, "GET", "/v2/metadefs/namespaces/ns1", null).json().get("visibility").asString())
                .isEqualTo("public");
        assertThat(json(admin, "DELETE", "/v2/metadefs/namespaces/ns1", null).status()).isEqualTo(403);
        assertThat(json(admin, "POST", "/v2/metadefs/namespaces/ns1/objects", "{\"name\": \"o1\"}").status())
                .isEqualTo(201);
        assertThat(json(admin, "PUT", "/v2/metadefs/namespaces/ns1/objects/o1", "{\"name\": \"o2\"}").json()
                .get("name").asString()).isEqualTo("o2");
        assertThat(json(admin, "GET", "/v2/metadefs/namespaces/ns1/objects/o1", null).status()).isEqualTo(404);
        assertThat(json(admin, "POST", "/v2/metadefs/namespaces/ns1/tags",
                "{\"tags\": [{\"name\": \"a\"}, {\"name\": \"b\"}]}").status()).isEqualTo(201);
        assertThat(json(admin, "GET", "/v2/metadefs/namespaces/ns1/tags", null).json().get("tags")).hasSize(2);
        assertThat(json(admin, "POST", "/v2/metadefs/namespaces/ns1/resource_types",
                "{\"name\": \"OS::Glance::Image\"}").status()).isEqualTo(201);
        assertThat(json(admin, "POST", "/v2/metadefs/namespaces/ns1/properties",
                "{\"name\": \"p\", \"title\": \"P\", \"type\": \"string\"}").status()).isEqualTo(201);
        assertThat(json(admin, "GET", "/v2/metadefs/namespaces/ns1/properties", null).json().get("properties")
                .get("p").get("title").asString()).isEqualTo("P");
        assertThat(json(admin, "PUT", "/v2/metadefs/namespaces/ns1", "{\"protected\": false}").status())
                .isEqualTo(200);
        assertThat(json(admin, "DELETE", "/v2/metadefs/namespaces/ns1", null).status()).isEqualTo(204);
        assertThat(json(admin, "GET", "/v2/metadefs/namespaces/ns1/tags", null).status()).isEqualTo(404);
    }

    private static java.util.List<String> ids(Reply r) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        r.json().get("images").forEach(i -> ids.add(i.get("id").asString()));
        return ids;
    }

}
