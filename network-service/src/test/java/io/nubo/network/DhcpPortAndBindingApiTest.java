package io.nubo.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.testsupport.TestTokens;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The DHCP server's port (one {@code network:dhcp} port per subnet with DHCP, so IPAM never gives its address to a
 * guest), and binding a user's port as compute does: with a token holding the {@code service} role, which Neutron's
 * defaults let write {@code binding:*}, while the port's owner may not.
 */
@Tag("integration")
class DhcpPortAndBindingApiTest extends NetworkHttpTest {

    private final String nova = TestTokens.project("p-service", "service");

    private List<JsonNode> dhcpPorts(String token, String network) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : get(token, "/v2.0/ports?network_id=" + network).json().get("ports")) {
            if ("network:dhcp".equals(p.get("device_owner").asString())) {
                out.add(p);
            }
        }
        return out;
    }

    @Test
    void aSubnetWithDhcpHoldsOnePortWhoseAddressNoGuestGets() throws Exception {
        String net = network(alice, "dhcp");
        String subnet = create(alice, "subnets", "subnet", "{\"network_id\": \"" + net + "\", \"ip_version\": 4,"
                + " \"cidr\": \"10.30.0.0/29\"}").get("id").asString();
        List<JsonNode> dhcp = dhcpPorts(alice, net);
        assertThat(dhcp).hasSize(1);
        String server = dhcp.get(0).get("fixed_ips").get(0).get("ip_address").asString();
        assertThat(dhcp.get(0).get("fixed_ips").get(0).get("subnet_id").asString()).isEqualTo(subnet);
        assertThat(dhcp.get(0).get("project_id").asString()).isEqualTo("p-alice");
        for (int i = 0; i < 4; i++) {
            JsonNode p = create(alice, "ports", "port", "{\"network_id\": \"" + net + "\"}");
            assertThat(p.get("fixed_ips").get(0).get("ip_address").asString()).isNotEqualTo(server);
        }

        // DHCP switched off: the server's port goes; on again: it comes back
        assertThat(put(alice, "/v2.0/subnets/" + subnet, "{\"subnet\": {\"enable_dhcp\": false}}").status())
                .isEqualTo(200);
        assertThat(dhcpPorts(alice, net)).isEmpty();
        assertThat(put(alice, "/v2.0/subnets/" + subnet, "{\"subnet\": {\"enable_dhcp\": true}}").status())
                .isEqualTo(200);
        assertThat(dhcpPorts(alice, net)).hasSize(1);
    }

    @Test
    void theDhcpPortGoesWithItsSubnetAndItsNetwork() throws Exception {
        String net = network(alice, "goes");
        String subnet = subnet(alice, net, "10.31.0.0/24");
        assertThat(dhcpPorts(alice, net)).hasSize(1);
        assertThat(delete(alice, "/v2.0/subnets/" + subnet).status()).isEqualTo(204);
        assertThat(dhcpPorts(alice, net)).isEmpty();

        subnet(alice, net, "10.32.0.0/24");
        subnet(alice, net, "10.33.0.0/24");
        assertThat(dhcpPorts(alice, net)).hasSize(2);
        assertThat(delete(alice, "/v2.0/networks/" + net).status()).isEqualTo(204);
        assertThat(get(admin, "/v2.0/ports?device_owner=network:dhcp").json().get("ports")
                .findValuesAsString("network_id")).doesNotContain(net);

        String noDhcp = network(alice, "static");
        create(alice, "subnets", "subnet", "{\"network_id\": \"" + noDhcp + "\", \"ip_version\": 4, \"cidr\":"
                + " \"10.34.0.0/24\", \"enable_dhcp\": false}");
        assertThat(dhcpPorts(alice, noDhcp)).isEmpty();
    }

    @Test
    void theServiceRoleBindsAUsersPortAndTheUserCannot() throws Exception {
        String net = network(alice, "bind");
        subnet(alice, net, "10.35.0.0/24");
        String port = create(alice, "ports", "port", "{\"network_id\": \"" + net + "\"}").get("id").asString();
        String bind = "{\"port\": {\"binding:host_id\": \"host-1\", \"device_id\": \"server-1\","
                + " \"device_owner\": \"compute:nova\"}}";
        Reply refused = put(alice, "/v2.0/ports/" + port, bind);
        assertThat(refused.status()).isEqualTo(403);

        Reply bound = put(nova, "/v2.0/ports/" + port, bind);
        assertThat(bound.status()).isEqualTo(200);
        JsonNode p = bound.json().get("port");
        assertThat(p.get("binding:host_id").asString()).isEqualTo("host-1");
        assertThat(p.get("binding:vif_type").asString()).isEqualTo("bridge");
        assertThat(p.get("binding:vif_details").get("bridge_name").asString())
                .isEqualTo("brq" + net.substring(0, 11));
        assertThat(p.get("device_id").asString()).isEqualTo("server-1");
        // the service sees the project's port, another project does not
        assertThat(get(nova, "/v2.0/ports/" + port).status()).isEqualTo(200);
        assertThat(get(bob, "/v2.0/ports/" + port).status()).isEqualTo(404);
        assertThat(put(bob, "/v2.0/ports/" + port, bind).status()).isEqualTo(404);

        // unbinding and deleting, as compute does when the server goes
        assertThat(put(nova, "/v2.0/ports/" + port, "{\"port\": {\"binding:host_id\": \"\", \"device_id\": \"\","
                + " \"device_owner\": \"\"}}").json().get("port").get("binding:vif_type").asString())
                .isEqualTo("unbound");
        assertThat(delete(nova, "/v2.0/ports/" + port).status()).isEqualTo(204);
    }
}
