package io.nubo.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@org.junit.jupiter.api.Tag("integration")
class SecurityGroupApiTest extends NetworkHttpTest {

    @Test
    void theDefaultGroupIsMadeOnFirstUseWithNeutronsRules() throws Exception {
        String token = TestTokens.project("p-sg-first", "member");
        JsonNode list = get(token, "/v2.0/security-groups").json().get("security_groups");
        assertThat(list.size()).isEqualTo(1);
        JsonNode g = list.get(0);
        assertThat(g.get("name").asString()).isEqualTo("default");
        JsonNode rules = g.get("security_group_rules");
        assertThat(rules.size()).isEqualTo(4);
        String id = g.get("id").asString();
        assertThat(rules.toString()).contains("\"direction\":\"egress\"", "\"ethertype\":\"IPv6\"",
                "\"remote_group_id\":\"" + id + "\"");
        assertThat(delete(token, "/v2.0/security-groups/" + id).type()).isEqualTo("SecurityGroupCannotRemoveDefault");
        assertThat(get(token, "/v2.0/security-groups").json().get("security_groups").size()).isEqualTo(1);
    }

    @Test
    void rulesAreValidatedDeduplicatedAndIsolated() throws Exception {
        JsonNode g = create(alice, "security-groups", "security_group", "{\"name\": \"web\", \"description\": \"w\"}");
        String id = g.get("id").asString();
        assertThat(g.get("security_group_rules").size()).isEqualTo(2);
        String rule = "{\"security_group_id\": \"" + id + "\", \"direction\": \"ingress\", \"protocol\": \"tcp\","
                + " \"port_range_min\": 80, \"port_range_max\": 80, \"remote_ip_prefix\": \"0.0.0.0/0\"}";
        JsonNode r = create(alice, "security-group-rules", "security_group_rule", rule);
        assertThat(r.get("ethertype").asString()).isEqualTo("IPv4");
        assertThat(r.get("port_range_min").asInt()).isEqualTo(80);
        // a rule naming another group as its remote goes when that group goes (Neutron's cascade)
        String peer = create(alice, "security-groups", "security_group", "{\"name\": \"peer\"}").get("id")
                .asString();
        String byPeer = create(alice, "security-group-rules", "security_group_rule", "{\"security_group_id\": \""
                + id + "\", \"direction\": \"ingress\", \"protocol\": \"tcp\", \"port_range_min\": 22,"
                + " \"port_range_max\": 22, \"remote_group_id\": \"" + peer + "\"}").get("id").asString();
        assertThat(delete(alice, "/v2.0/security-groups/" + peer).status()).isEqualTo(204);
        assertThat(get(alice, "/v2.0/security-group-rules/" + byPeer).status()).isEqualTo(404);
        assertThat(get(alice, "/v2.0/security-groups/" + id).body()).doesNotContain(byPeer);
        // remote_ip_prefix is kept as given (host bits and all), normalized_cidr is its network, as in Neutron;
        // a second rule for the same network is a duplicate
        String hostBits = "{\"security_group_id\": \"" + id + "\", \"direction\": \"ingress\", \"protocol\": \"udp\","
                + " \"port_range_min\": 53, \"port_range_max\": 53, \"remote_ip_prefix\": \"10.2.3.124/24\"}";
        JsonNode hb = create(alice, "security-group-rules", "security_group_rule", hostBits);
        assertThat(hb.get("remote_ip_prefix").asString()).isEqualTo("10.2.3.124/24");
        assertThat(hb.get("normalized_cidr").asString()).isEqualTo("10.2.3.0/24");
        assertThat(get(alice, "/v2.0/security-group-rules/" + hb.get("id").asString()).json()
                .at("/security_group_rule/normalized_cidr").asString()).isEqualTo("10.2.3.0/24");
        assertThat(post(alice, "/v2.0/security-group-rules", "{\"security_group_rule\": "
                + hostBits.replace("10.2.3.124/24", "10.2.3.0/24") + "}").status()).isEqualTo(409);
        JsonNode host = create(alice, "security-group-rules", "security_group_rule", hostBits
                .replace("10.2.3.124/24", "10.9.9.9").replace("udp", "tcp"));
        assertThat(host.get("remote_ip_prefix").asString()).isEqualTo("10.9.9.9/32");
        assertThat(r.get("normalized_cidr").asString()).isEqualTo("0.0.0.0/0");
        Reply dup = post(alice, "/v2.0/security-group-rules", "{\"security_group_rule\": " + rule + "}");
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.type()).isEqualTo("SecurityGroupRuleExists");
        for (String bad : new String[] {
                "\"protocol\": \"tcpx\"", "\"protocol\": \"tcp\", \"port_range_min\": 90, \"port_range_max\": 80",
                "\"protocol\": \"tcp\", \"port_range_min\": 0, \"port_range_max\": 70000",
                "\"port_range_min\": 22", "\"protocol\": 300", "\"remote_ip_prefix\": \"10.0.0.0/99\"",
                "\"protocol\": \"icmp\", \"port_range_min\": 300",
                "\"ethertype\": \"IPv6\", \"remote_ip_prefix\": \"10.0.0.0/8\""}) {
            Reply b = post(alice, "/v2.0/security-group-rules", "{\"security_group_rule\": {\"security_group_id\":"
                    + " \"" + id + "\", \"direction\": \"ingress\", " + bad + "}}");
            assertThat(b.status()).as(bad + " -> " + b.body()).isEqualTo(400);
            assertThat(b.body()).contains("NeutronError");
        }
        assertThat(post(alice, "/v2.0/security-group-rules", "{\"security_group_rule\": {\"security_group_id\":"
                + " \"" + id + "\", \"direction\": \"sideways\"}}").status()).isEqualTo(400);
        assertThat(post(alice, "/v2.0/security-group-rules", "{\"security_group_rule\": {\"security_group_id\":"
                + " \"" + id + "\", \"direction\": \"ingress\", \"protocol\": \"tcp\", \"port_range_min\": -16,"
                + " \"port_range_max\": 80}}").body()).contains("Invalid value for port -16");
        // Tempest's test_create_security_group_rule_with_invalid_ports: each message as Neutron words it
        String[][] ports = {{"-16", "80", "Invalid value for port -16"},
                {"80", "79", "port_range_min must be <= port_range_max"},
                {"80", "65536", "Invalid value for port 65536"},
                {"null", "6", "port_range_min must be <= port_range_max"},
                {"6", "null", "port_range_min must be <= port_range_max"},
                {"-16", "65536", "Invalid value for port"}};
        for (String[] p : ports) {
            Reply b = post(alice, "/v2.0/security-group-rules", "{\"security_group_rule\": {\"security_group_id\":"
                    + " \"" + id + "\", \"direction\": \"ingress\", \"protocol\": \"tcp\", \"port_range_min\": " + p[0]
                    + ", \"port_range_max\": " + p[1] + "}}");
            assertThat(b.status()).as(p[0] + ".." + p[1]).isEqualTo(400);
            assertThat(b.body()).as(p[0] + ".." + p[1]).contains(p[2]);
        }
        String[][] icmp = {{"1", "256", "Invalid value for ICMP code"}, {"-1", "25", "Invalid value"},
                {"null", "6", "ICMP type (port-range-min) is missing"}, {"300", "1", "Invalid value for ICMP type"}};
        for (String[] p : icmp) {
            Reply b = post(alice, "/v2.0/security-group-rules", "{\"security_group_rule\": {\"security_group_id\":"
                    + " \"" + id + "\", \"direction\": \"ingress\", \"protocol\": \"icmp\", \"port_range_min\": " + p[0]
                    + ", \"port_range_max\": " + p[1] + "}}");
            assertThat(b.status()).as("icmp " + p[0] + "/" + p[1]).isEqualTo(400);
            assertThat(b.body()).as("icmp " + p[0] + "/" + p[1]).contains(p[2]);
        }
        Reply typed = post(alice, "/v2.0/security-group-rules", "{\"security_group_rule\": {\"security_group_id\":"
                + " \"" + id + "\", \"direction\": \"ingress\", \"protocol\": \"tcp\", \"port_range_min\": \"twenty-two\"}}");
        assertThat(typed.status()).isEqualTo(400);
        assertThat(typed.type()).isEqualTo("HTTPBadRequest");
        assertThat(typed.json().at("/NeutronError/message").asString())
                .startsWith("Invalid input for field 'security_group_rule.port_range_min'");
        assertThat(get(bob, "/v2.0/security-groups/" + id).status()).isEqualTo(404);
        assertThat(post(bob, "/v2.0/security-group-rules", "{\"security_group_rule\": {\"security_group_id\": \""
                + id + "\", \"direction\": \"ingress\"}}").status()).isEqualTo(404);
        assertThat(get(admin, "/v2.0/security-groups/" + id).status()).isEqualTo(200);

        String net = network(alice, "sgnet");
        JsonNode port = create(alice, "ports", "port", "{\"network_id\": \"" + net + "\", \"security_groups\": [\""
                + id + "\"]}");
        assertThat(delete(alice, "/v2.0/security-groups/" + id).type()).isEqualTo("SecurityGroupInUse");
        assertThat(delete(alice, "/v2.0/ports/" + port.get("id").asString()).status()).isEqualTo(204);
        assertThat(delete(alice, "/v2.0/security-group-rules/" + r.get("id").asString()).status()).isEqualTo(204);
        assertThat(delete(alice, "/v2.0/security-groups/" + id).status()).isEqualTo(204);
    }

    @Test
    void quotasLimitCreatesAndOnlyAdminsChangeThem() throws Exception {
        String token = TestTokens.project("p-quota", "member");
        assertThat(put(token, "/v2.0/quotas/p-quota", "{\"quota\": {\"network\": 1}}").status()).isEqualTo(403);
        Reply set = put(admin, "/v2.0/quotas/p-quota", "{\"quota\": {\"network\": 1}}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().get("quota").get("network").asInt()).isEqualTo(1);
        assertThat(put(admin, "/v2.0/quotas/p-quota", "{\"quota\": {\"network\": \"lots\"}}").status()).isEqualTo(400);
        network(token, "q1");
        Reply over = post(token, "/v2.0/networks", "{\"network\": {}}");
        assertThat(over.status()).isEqualTo(409);
        assertThat(over.type()).isEqualTo("OverQuota");
        JsonNode details = get(token, "/v2.0/quotas/p-quota/details").json().get("quota");
        assertThat(details.get("network").get("used").asInt()).isEqualTo(1);
        // Tempest's client asks for details.json
        assertThat(get(token, "/v2.0/quotas/p-quota/details.json").json().get("quota")).isEqualTo(details);
        assertThat(get(token, "/v2.0/quotas/p-other").status()).isEqualTo(403);
        assertThat(delete(admin, "/v2.0/quotas/p-quota").status()).isEqualTo(204);
        assertThat(get(token, "/v2.0/quotas/p-quota").json().get("quota").get("network").asInt()).isEqualTo(100);
    }
}
