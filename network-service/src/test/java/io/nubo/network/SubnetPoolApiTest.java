package io.nubo.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Subnet pools ({@code subnet_allocation}): CRUD, tags, and subnets carved from them without overlap. */
@org.junit.jupiter.api.Tag("integration")
class SubnetPoolApiTest extends NetworkHttpTest {

    @Test
    void subnetsAreCarvedFromThePoolWithoutOverlap() throws Exception {
        JsonNode pool = create(alice, "subnetpools", "subnetpool", "{\"name\": \"pool-a\", \"prefixes\":"
                + " [\"10.150.0.0/16\", \"10.151.0.0/16\"], \"default_prefixlen\": 24}");
        String id = pool.get("id").asString();
        assertThat(pool.get("ip_version").asInt()).isEqualTo(4);
        assertThat(pool.get("min_prefixlen").asInt()).isEqualTo(8);
        assertThat(pool.get("max_prefixlen").asInt()).isEqualTo(32);
        assertThat(pool.get("shared").asBoolean()).isFalse();
        assertThat(get(bob, "/v2.0/subnetpools/" + id).type()).isEqualTo("SubnetPoolNotFound");
        assertThat(get(bob, "/v2.0/subnetpools").json().get("subnetpools").toString()).doesNotContain(id);

        String net = network(alice, "pooled");
        String body = "{\"subnet\": {\"network_id\": \"" + net + "\", \"ip_version\": 4, \"subnetpool_id\": \"" + id
                + "\"%s}}";
        JsonNode first = post(alice, "/v2.0/subnets", body.formatted("")).json().get("subnet");
        assertThat(first.get("cidr").asString()).isEqualTo("10.150.0.0/24");
        assertThat(first.get("subnetpool_id").asString()).isEqualTo(id);
        assertThat(first.get("gateway_ip").asString()).isEqualTo("10.150.0.1");
        // a given CIDR inside the pool is taken as it is; the next free block skips it, aligned to the length
        Reply given = post(alice, "/v2.0/subnets", body.formatted(", \"cidr\": \"10.150.1.0/25\""));
        assertThat(given.status()).as(given.body()).isEqualTo(201);
        assertThat(post(alice, "/v2.0/subnets", body.formatted(", \"prefixlen\": 23")).json()
                .at("/subnet/cidr").asString()).isEqualTo("10.150.2.0/23");
        assertThat(post(alice, "/v2.0/subnets", body.formatted(", \"prefixlen\": 24")).json()
                .at("/subnet/cidr").asString()).isEqualTo("10.150.4.0/24");
        // outside the pool, overlapping a subnet of the pool, outside the length bounds, the wrong version
        assertThat(post(alice, "/v2.0/subnets", body.formatted(", \"cidr\": \"10.99.0.0/24\"")).type())
                .isEqualTo("SubnetAllocationError");
        assertThat(post(alice, "/v2.0/subnets", body.formatted(", \"cidr\": \"10.150.1.0/24\"")).type())
                .isEqualTo("SubnetAllocationError");
        assertThat(post(alice, "/v2.0/subnets", body.formatted(", \"prefixlen\": 4")).status()).isEqualTo(400);
        assertThat(post(alice, "/v2.0/subnets", body.formatted(", \"prefixlen\": 24, \"cidr\": \"10.150.9.0/24\""))
                .status()).isEqualTo(400);
        assertThat(post(alice, "/v2.0/subnets", "{\"subnet\": {\"network_id\": \"" + net + "\", \"ip_version\": 6,"
                + " \"subnetpool_id\": \"" + id + "\"}}").status()).isEqualTo(400);
        assertThat(post(alice, "/v2.0/subnets", "{\"subnet\": {\"network_id\": \"" + net + "\", \"ip_version\": 4}}")
                .status()).isEqualTo(400);
        assertThat(post(bob, "/v2.0/subnets", "{\"subnet\": {\"network_id\": \"" + network(bob, "b") + "\","
                + " \"ip_version\": 4, \"subnetpool_id\": \"" + id + "\"}}").type()).isEqualTo("SubnetPoolNotFound");

        // a pool whose subnets exist cannot go; prefixes may grow but not shrink
        assertThat(delete(alice, "/v2.0/subnetpools/" + id).type()).isEqualTo("SubnetPoolInUse");
        assertThat(put(alice, "/v2.0/subnetpools/" + id, "{\"subnetpool\": {\"prefixes\": [\"10.150.0.0/16\"]}}")
                .status()).isEqualTo(400);
        JsonNode grown = put(alice, "/v2.0/subnetpools/" + id, "{\"subnetpool\": {\"name\": \"pool-b\", \"prefixes\":"
                + " [\"10.150.0.0/15\", \"10.152.0.0/16\"]}}").json().get("subnetpool");
        assertThat(grown.get("name").asString()).isEqualTo("pool-b");
        assertThat(grown.get("prefixes").toString()).contains("10.150.0.0/15", "10.152.0.0/16");
        assertThat(put(alice, "/v2.0/subnetpools/" + id, "{\"subnetpool\": {\"default_prefixlen\": 40}}").status())
                .isEqualTo(400);

        // tags, as on the other standard-attribute resources
        assertThat(put(alice, "/v2.0/subnetpools/" + id + "/tags/red", null).status()).isEqualTo(201);
        assertThat(get(alice, "/v2.0/subnetpools/" + id + "/tags").json().get("tags").toString())
                .isEqualTo("[\"red\"]");

        for (JsonNode s : get(alice, "/v2.0/subnets?network_id=" + net).json().get("subnets")) {
            assertThat(delete(alice, "/v2.0/subnets/" + s.get("id").asString()).status()).isEqualTo(204);
        }
        assertThat(delete(alice, "/v2.0/subnetpools/" + id).status()).isEqualTo(204);
        assertThat(get(alice, "/v2.0/subnetpools/" + id).status()).isEqualTo(404);
    }

    @Test
    void sharedAndDefaultPoolsAreForAdmins() throws Exception {
        assertThat(post(alice, "/v2.0/subnetpools", "{\"subnetpool\": {\"prefixes\": [\"10.160.0.0/16\"],"
                + " \"shared\": true}}").status()).isEqualTo(403);
        assertThat(post(alice, "/v2.0/subnetpools", "{\"subnetpool\": {\"prefixes\": [\"10.160.0.0/16\","
                + " \"2001:db8::/48\"]}}").status()).isEqualTo(400);
        assertThat(post(alice, "/v2.0/subnetpools", "{\"subnetpool\": {\"prefixes\": []}}").status()).isEqualTo(400);
        JsonNode shared = create(admin, "subnetpools", "subnetpool", "{\"prefixes\": [\"2001:db8:70::/48\"],"
                + " \"shared\": true}");
        assertThat(shared.get("ip_version").asInt()).isEqualTo(6);
        assertThat(shared.get("default_prefixlen").asInt()).isEqualTo(64);
        String id = shared.get("id").asString();
        assertThat(get(bob, "/v2.0/subnetpools/" + id).status()).isEqualTo(200);
        String net = network(bob, "v6");
        assertThat(post(bob, "/v2.0/subnets", "{\"subnet\": {\"network_id\": \"" + net + "\", \"ip_version\": 6,"
                + " \"subnetpool_id\": \"" + id + "\"}}").json().at("/subnet/cidr").asString())
                .isEqualTo("2001:db8:70::/64");
        assertThat(delete(bob, "/v2.0/subnetpools/" + id).status()).isEqualTo(403);
    }
}
