package io.nubo.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@org.junit.jupiter.api.Tag("integration")
class RouterFloatingIpApiTest extends NetworkHttpTest {

    @Test
    void routerGatewayInterfacesAndFloatingIpsFollowNeutron() throws Exception {
        String ext = create(admin, "networks", "network", "{\"name\": \"public\", \"router:external\": true}")
                .get("id").asString();
        String extSubnet = subnet(admin, ext, "172.24.4.0/24");
        String net = network(alice, "private");
        String subnet = subnet(alice, net, "10.40.0.0/24");

        // a member sees the external network, may not create a port on it
        assertThat(get(alice, "/v2.0/networks?router:external=true").json().get("networks")
                .findValuesAsString("id")).contains(ext);

        JsonNode router = create(alice, "routers", "router", "{\"name\": \"r1\", \"external_gateway_info\":"
                + " {\"network_id\": \"" + ext + "\"}}");
        String rid = router.get("id").asString();
        JsonNode gw = router.get("external_gateway_info");
        assertThat(gw.get("network_id").asString()).isEqualTo(ext);
        assertThat(gw.get("enable_snat").asBoolean()).isTrue();
        assertThat(gw.get("external_fixed_ips").get(0).get("subnet_id").asString()).isEqualTo(extSubnet);
        assertThat(put(alice, "/v2.0/routers/" + rid, "{\"router\": {\"external_gateway_info\": {\"network_id\": \""
                + ext + "\", \"enable_snat\": false}}}").status()).isEqualTo(403);
        assertThat(put(admin, "/v2.0/routers/" + rid, "{\"router\": {\"external_gateway_info\": {\"network_id\": \""
                + ext + "\", \"enable_snat\": false}}}").json().get("router").get("external_gateway_info")
                .get("enable_snat").asBoolean()).isFalse();
        assertThat(create(alice, "routers", "router", "{\"external_gateway_info\": {}}").get("external_gateway_info")
                .isNull()).isTrue();
        assertThat(post(alice, "/v2.0/routers", "{\"router\": {\"external_gateway_info\": {\"network_id\": \""
                + net + "\"}}}").status()).isEqualTo(400);

        Reply added = put(alice, "/v2.0/routers/" + rid + "/add_router_interface", "{\"subnet_id\": \"" + subnet + "\"}");
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.json().get("subnet_id").asString()).isEqualTo(subnet);
        String interfacePort = added.json().get("port_id").asString();
        JsonNode ifPort = get(alice, "/v2.0/ports/" + interfacePort).json().get("port");
        assertThat(ifPort.get("device_owner").asString()).isEqualTo("network:router_interface");
        assertThat(ifPort.get("fixed_ips").get(0).get("ip_address").asString()).isEqualTo("10.40.0.1");
        assertThat(put(alice, "/v2.0/routers/" + rid + "/add_router_interface", "{\"subnet_id\": \"" + subnet
                + "\"}").status()).isEqualTo(400);
        assertThat(delete(alice, "/v2.0/ports/" + interfacePort).status()).isEqualTo(409);
        assertThat(delete(alice, "/v2.0/routers/" + rid).type()).isEqualTo("RouterInUse");

        JsonNode vm = create(alice, "ports", "port", "{\"network_id\": \"" + net + "\"}");
        String vmPort = vm.get("id").asString();
        JsonNode fip = create(alice, "floatingips", "floatingip", "{\"floating_network_id\": \"" + ext + "\"}");
        String fid = fip.get("id").asString();
        assertThat(fip.get("floating_ip_address").asString()).startsWith("172.24.4.");
        assertThat(fip.get("status").asString()).isEqualTo("DOWN");
        assertThat(fip.get("port_id").isNull()).isTrue();
        JsonNode associated = put(alice, "/v2.0/floatingips/" + fid, "{\"floatingip\": {\"port_id\": \"" + vmPort
                + "\"}}").json().get("floatingip");
        assertThat(associated.get("fixed_ip_address").asString()).isEqualTo(
                vm.get("fixed_ips").get(0).get("ip_address").asString());
        assertThat(associated.get("router_id").asString()).isEqualTo(rid);
        assertThat(associated.get("status").asString()).isEqualTo("ACTIVE");
        Reply second = post(alice, "/v2.0/floatingips", "{\"floatingip\": {\"floating_network_id\": \"" + ext
                + "\", \"port_id\": \"" + vmPort + "\"}}");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.type()).isEqualTo("FloatingIPPortAlreadyAssociated");
        assertThat(put(alice, "/v2.0/routers/" + rid + "/remove_router_interface", "{\"subnet_id\": \"" + subnet
                + "\"}").status()).isEqualTo(409);
        assertThat(get(bob, "/v2.0/floatingips/" + fid).status()).isEqualTo(404);
        assertThat(put(bob, "/v2.0/floatingips/" + fid, "{\"floatingip\": {\"port_id\": null}}").status())
                .isEqualTo(404);

        // a port on a network the router does not reach cannot get a floating IP
        String lonely = network(alice, "lonely");
        subnet(alice, lonely, "10.41.0.0/24");
        String lonelyPort = create(alice, "ports", "port", "{\"network_id\": \"" + lonely + "\"}").get("id").asString();
        Reply unreachable = put(alice, "/v2.0/floatingips/" + fid, "{\"floatingip\": {\"port_id\": \"" + lonelyPort
                + "\"}}");
        assertThat(unreachable.status()).isEqualTo(404);
        assertThat(unreachable.type()).isEqualTo("ExternalGatewayForFloatingIPNotFound");

        assertThat(put(alice, "/v2.0/floatingips/" + fid, "{\"floatingip\": {\"port_id\": null}}").json()
                .get("floatingip").get("status").asString()).isEqualTo("DOWN");
        assertThat(put(alice, "/v2.0/routers/" + rid + "/remove_router_interface", "{\"subnet_id\": \"" + subnet
                + "\"}").status()).isEqualTo(200);
        assertThat(get(alice, "/v2.0/ports/" + interfacePort).status()).isEqualTo(404);
        assertThat(delete(alice, "/v2.0/floatingips/" + fid).status()).isEqualTo(204);
        assertThat(put(alice, "/v2.0/routers/" + rid, "{\"router\": {\"external_gateway_info\": {}}}").json()
                .get("router").get("external_gateway_info").isNull()).isTrue();
        assertThat(delete(alice, "/v2.0/routers/" + rid).status()).isEqualTo(204);

        List<String> types = eventTypes();
        assertThat(types).contains("network.port.created", "network.port.deleted",
                "network.router.gateway_set", "network.router.gateway_cleared", "network.floatingip.associated",
                "network.floatingip.disassociated");
    }

    /** Neutron deletes an external network with its unassociated floating IPs (their ports and the subnet too). */
    @Test
    void anExternalNetworkGoesWithItsFloatingIps() throws Exception {
        String ext = create(admin, "networks", "network", "{\"name\": \"public-2\", \"router:external\": true}")
                .get("id").asString();
        String extSubnet = subnet(admin, ext, "172.25.4.0/24");
        JsonNode fip = create(admin, "floatingips", "floatingip", "{\"floating_network_id\": \"" + ext + "\"}");
        String fid = fip.get("id").asString();
        assertThat(get(admin, "/v2.0/ports?network_id=" + ext + "&device_owner=network:floatingip").json()
                .get("ports").size()).isEqualTo(1);
        // a port of anyone else's still keeps the network
        String other = create(admin, "ports", "port", "{\"network_id\": \"" + ext + "\"}").get("id").asString();
        assertThat(delete(admin, "/v2.0/networks/" + ext).type()).isEqualTo("NetworkInUse");
        assertThat(get(admin, "/v2.0/floatingips/" + fid).status()).isEqualTo(200);
        assertThat(delete(admin, "/v2.0/ports/" + other).status()).isEqualTo(204);
        assertThat(delete(admin, "/v2.0/networks/" + ext).status()).isEqualTo(204);
        assertThat(get(admin, "/v2.0/floatingips/" + fid).status()).isEqualTo(404);
        assertThat(get(admin, "/v2.0/subnets/" + extSubnet).status()).isEqualTo(404);
        assertThat(get(admin, "/v2.0/ports?network_id=" + ext).json().get("ports").size()).isZero();
    }

    @Test
    void extensionsListExactlyWhatIsServed() throws Exception {
        JsonNode list = get(alice, "/v2.0/extensions").json().get("extensions");
        assertThat(list.findValuesAsString("alias")).contains("router", "security-group", "external-net",
                "standard-attr-tag", "quotas", "binding").doesNotContain("dvr", "l3-ha");
        assertThat(get(alice, "/v2.0/extensions/router").json().get("extension").get("alias").asString())
                .isEqualTo("router");
        assertThat(get(alice, "/v2.0/extensions/dvr").type()).isEqualTo("ExtensionNotFound");
        assertThat(get(alice, "/v2.0/service-providers").json().get("service_providers").isEmpty()).isTrue();
    }

    private static List<String> eventTypes() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(DB.jdbcUrl(), DB.username(), DB.password());
             PreparedStatement s = c.prepareStatement("SELECT envelope FROM nubo_outbox WHERE topic = ?")) {
            s.setString(1, "nubo.network.v1");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(JSON.readTree(rs.getString(1)).path("event_type").asString());
                }
            }
        }
        return out;
    }
}
