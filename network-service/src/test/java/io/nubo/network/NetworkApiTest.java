package io.nubo.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@org.junit.jupiter.api.Tag("integration")
class NetworkApiTest extends NetworkHttpTest {

    @Test
    void createShowsNeutronFieldsAndHidesProviderAttributesFromMembers() throws Exception {
        JsonNode n = create(alice, "networks", "network", "{\"name\": \"net1\", \"description\": \"d\"}");
        String id = n.get("id").asString();
        assertThat(n.get("tenant_id").asString()).isEqualTo("p-alice");
        assertThat(n.get("project_id").asString()).isEqualTo("p-alice");
        assertThat(n.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(n.get("admin_state_up").asBoolean()).isTrue();
        assertThat(n.get("shared").asBoolean()).isFalse();
        assertThat(n.get("router:external").asBoolean()).isFalse();
        assertThat(n.get("mtu").asInt()).isEqualTo(1450);
        assertThat(n.get("revision_number").asLong()).isZero();
        assertThat(n.get("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(n.has("provider:network_type")).isFalse();
        JsonNode asAdmin = get(admin, "/v2.0/networks/" + id).json().get("network");
        assertThat(asAdmin.get("provider:network_type").asString()).isEqualTo("vxlan");
        assertThat(asAdmin.get("provider:segmentation_id").asInt()).isGreaterThan(1000);
        assertThat(get(bob, "/v2.0/networks/" + id).status()).isEqualTo(404);
        assertThat(get(bob, "/v2.0/networks/" + id).type()).isEqualTo("NetworkNotFound");

        Reply updated = put(alice, "/v2.0/networks/" + id, "{\"network\": {\"name\": \"renamed\"}}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("network").get("name").asString()).isEqualTo("renamed");
        assertThat(updated.json().get("network").get("revision_number").asLong()).isEqualTo(1);
    }

    @Test
    void onlyAdminsCreateSharedExternalOrProviderNetworks() throws Exception {
        Reply shared = post(alice, "/v2.0/networks", "{\"network\": {\"shared\": true}}");
        assertThat(shared.status()).isEqualTo(403);
        assertThat(shared.type()).isEqualTo("PolicyNotAuthorized");
        assertThat(post(alice, "/v2.0/networks", "{\"network\": {\"router:external\": true}}").status())
                .isEqualTo(403);
        assertThat(post(alice, "/v2.0/networks", "{\"network\": {\"provider:network_type\": \"vxlan\","
                + " \"provider:segmentation_id\": 7}}").status()).isEqualTo(403);
        assertThat(post(alice, "/v2.0/networks", "{\"network\": {\"project_id\": \"p-bob\"}}").status())
                .isEqualTo(400);

        String id = create(admin, "networks", "network", "{\"name\": \"pub\", \"shared\": true}").get("id").asString();
        assertThat(get(bob, "/v2.0/networks/" + id).status()).isEqualTo(200);
        assertThat(get(bob, "/v2.0/networks?shared=true").json().get("networks").toString()).contains(id);
        // visible is not owned: another project may not change or delete it
        assertThat(put(bob, "/v2.0/networks/" + id, "{\"network\": {\"name\": \"x\"}}").status()).isEqualTo(403);
        assertThat(delete(bob, "/v2.0/networks/" + id).status()).isEqualTo(403);

        JsonNode vlan = create(admin, "networks", "network", "{\"provider:network_type\": \"vlan\","
                + " \"provider:physical_network\": \"physnet1\", \"provider:segmentation_id\": 100}");
        assertThat(vlan.get("mtu").asInt()).isEqualTo(1500);
        Reply again = post(admin, "/v2.0/networks", "{\"network\": {\"provider:network_type\": \"vlan\","
                + " \"provider:physical_network\": \"physnet1\", \"provider:segmentation_id\": 100}}");
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void badInputIsA400NeutronError() throws Exception {
        Reply unknown = post(alice, "/v2.0/networks", "{\"network\": {\"colour\": \"red\"}}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("Invalid input for field 'network'").contains("colour");
        assertThat(post(alice, "/v2.0/networks", "{\"network\": {\"admin_state_up\": \"maybe\"}}").status())
                .isEqualTo(400);
        assertThat(post(alice, "/v2.0/networks", "{\"network\": {\"mtu\": 20}}").status()).isEqualTo(400);
        assertThat(post(alice, "/v2.0/networks", "{\"network\": {\"mtu\": 9000}}").status()).isEqualTo(400);
        assertThat(post(alice, "/v2.0/networks", "{\"network\": {\"mtu\": \"20\"}}").status()).isEqualTo(400);
        // the openstack CLI sends --mtu as a string: Neutron converts it
        Reply mtuString = post(alice, "/v2.0/networks", "{\"network\": {\"mtu\": \"1400\"}}");
        assertThat(mtuString.status()).as(mtuString.body()).isEqualTo(201);
        assertThat(mtuString.json().get("network").get("mtu").asInt()).isEqualTo(1400);
        assertThat(post(alice, "/v2.0/networks", "{\"network\": {\"name\": 5}}").status()).isEqualTo(400);
        // issue 18: a project id longer than its column (an administrator may name any project) is a 400
        // naming the field, not a database error
        Reply longProject = post(admin, "/v2.0/networks", "{\"network\": {\"project_id\": \"" + "p".repeat(65)
                + "\"}}");
        assertThat(longProject.status()).isEqualTo(400);
        assertThat(longProject.json().at("/NeutronError/message").asString()).contains("'network.project_id'");
        assertThat(longProject.json().at("/NeutronError/detail").asString()).isEmpty();
        assertThat(post(alice, "/v2.0/networks", "{\"net\": {}}").status()).isEqualTo(400);
        assertThat(post(alice, "/v2.0/networks", "{nope").status()).isEqualTo(400);
        assertThat(get(alice, "/v2.0/networks?limit=x").status()).isEqualTo(400);
        assertThat(get(alice, "/v2.0/networks?sort_key=nope").status()).isIn(200, 400);
        assertThat(get(alice, "/v2.0/networks/nope").type()).isEqualTo("NetworkNotFound");
    }

    @Test
    void bulkCreateMakesAllOrNone() throws Exception {
        Reply ok = post(alice, "/v2.0/networks", "{\"networks\": [{\"name\": \"b1\"}, {\"name\": \"b2\"}]}");
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.json().get("networks").size()).isEqualTo(2);
        Reply bad = post(alice, "/v2.0/networks", "{\"networks\": [{\"name\": \"b3\"}, {\"mtu\": 1}]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(get(alice, "/v2.0/networks?name=b3").json().get("networks").size()).isZero();
    }

    /** Other tests' shared and external networks are visible to every project: leave them out. */
    static final String OWN = "&shared=false&router%3Aexternal=false";

    @Test
    void listFiltersSortsPaginatesAndSelectsFields() throws Exception {
        String project = "p-pager";
        String token = io.nubo.testsupport.TestTokens.project(project, "member");
        for (String name : new String[] {"c", "a", "d", "b", "e"}) {
            network(token, "page-" + name);
        }
        JsonNode sorted = get(token, "/v2.0/networks?sort_key=name&sort_dir=asc&fields=name&fields=id" + OWN).json();
        assertThat(sorted.get("networks").findValuesAsString("name"))
                .containsExactly("page-a", "page-b", "page-c", "page-d", "page-e");
        assertThat(sorted.get("networks").get(0).size()).isEqualTo(2);

        JsonNode first = get(token, "/v2.0/networks?sort_key=name&sort_dir=desc&limit=2" + OWN).json();
        assertThat(first.get("networks").findValuesAsString("name")).containsExactly("page-e", "page-d");
        String next = first.get("networks_links").get(0).get("href").asString();
        assertThat(first.get("networks_links").get(0).get("rel").asString()).isEqualTo("next");
        JsonNode second = get(token, next.substring(next.indexOf("/v2.0"))).json();
        assertThat(second.get("networks").findValuesAsString("name")).containsExactly("page-c", "page-b");
        assertThat(second.get("networks_links").findValuesAsString("rel")).contains("next", "previous");

        assertThat(get(token, "/v2.0/networks?name=page-a&name=page-b").json().get("networks").size()).isEqualTo(2);
        assertThat(get(token, "/v2.0/networks?admin_state_up=False").json().get("networks").size()).isZero();
    }

    @Test
    void tagsAreSetFilteredAndBumpTheRevision() throws Exception {
        String id = network(alice, "tagged");
        assertThat(put(alice, "/v2.0/networks/" + id + "/tags/red", null).status()).isEqualTo(201);
        Reply all = put(alice, "/v2.0/networks/" + id + "/tags", "{\"tags\": [\"blue\", \"green\"]}");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("tags").toString()).isEqualTo("[\"blue\",\"green\"]");
        assertThat(get(alice, "/v2.0/networks/" + id + "/tags/blue").status()).isEqualTo(204);
        assertThat(get(alice, "/v2.0/networks/" + id + "/tags/red").status()).isEqualTo(404);
        assertThat(get(alice, "/v2.0/networks?tags=blue,green").json().get("networks").findValuesAsString("id"))
                .contains(id);
        assertThat(get(alice, "/v2.0/networks?not-tags-any=blue").json().get("networks").findValuesAsString("id"))
                .doesNotContain(id);
        assertThat(get(alice, "/v2.0/networks/" + id).json().get("network").get("revision_number").asLong())
                .isGreaterThanOrEqualTo(2);
        assertThat(put(bob, "/v2.0/networks/" + id + "/tags/x", null).status()).isEqualTo(404);
        assertThat(delete(alice, "/v2.0/networks/" + id + "/tags").status()).isEqualTo(204);
        assertThat(get(alice, "/v2.0/networks/" + id + "/tags").json().get("tags").size()).isZero();
    }
}
