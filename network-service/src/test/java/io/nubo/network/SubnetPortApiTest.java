package io.nubo.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.testsupport.TestTokens;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@org.junit.jupiter.api.Tag("integration")
class SubnetPortApiTest extends NetworkHttpTest {

    @Test
    void subnetsGetDefaultPoolsAndGatewayAndRefuseBadInput() throws Exception {
        String net = network(alice, "s1");
        JsonNode s = create(alice, "subnets", "subnet", "{\"network_id\": \"" + net + "\", \"ip_version\": 4,"
                + " \"cidr\": \"10.1.0.0/24\", \"dns_nameservers\": [\"10.1.0.53\"], \"host_routes\":"
                + " [{\"destination\": \"192.168.0.0/16\", \"nexthop\": \"10.1.0.254\"}]}");
        assertThat(s.get("gateway_ip").asString()).isEqualTo("10.1.0.1");
        assertThat(s.get("allocation_pools").toString()).isEqualTo("[{\"start\":\"10.1.0.2\",\"end\":\"10.1.0.254\"}]");
        assertThat(s.get("enable_dhcp").asBoolean()).isTrue();
        assertThat(s.get("dns_nameservers").toString()).isEqualTo("[\"10.1.0.53\"]");
        assertThat(get(alice, "/v2.0/networks/" + net).json().get("network").get("subnets").toString())
                .contains(s.get("id").asString());

        Reply overlap = post(alice, "/v2.0/subnets", "{\"subnet\": {\"network_id\": \"" + net + "\","
                + " \"ip_version\": 4, \"cidr\": \"10.1.0.128/25\"}}");
        assertThat(overlap.status()).isEqualTo(400);
        assertThat(overlap.type()).isEqualTo("InvalidInput");
        assertThat(post(alice, "/v2.0/subnets", "{\"subnet\": {\"network_id\": \"" + net + "\", \"ip_version\": 4,"
                + " \"cidr\": \"10.2.0.0/33\"}}").status()).isEqualTo(400);
        assertThat(post(alice, "/v2.0/subnets", "{\"subnet\": {\"network_id\": \"" + net + "\", \"ip_version\": 6,"
                + " \"cidr\": \"10.2.0.0/24\"}}").status()).isEqualTo(400);
        assertThat(post(alice, "/v2.0/subnets", "{\"subnet\": {\"network_id\": \"" + net + "\", \"ip_version\": 4,"
                + " \"cidr\": \"10.3.0.0/24\", \"allocation_pools\": [{\"start\": \"10.4.0.2\", \"end\":"
                + " \"10.4.0.9\"}]}}").status()).isEqualTo(400);
        assertThat(post(alice, "/v2.0/subnets", "{\"subnet\": {\"network_id\": \"" + net + "\", \"ip_version\": 4,"
                + " \"cidr\": \"10.3.0.0/24\", \"gateway_ip\": \"nonsense\"}}").status()).isEqualTo(400);
        assertThat(post(bob, "/v2.0/subnets", "{\"subnet\": {\"network_id\": \"" + net + "\", \"ip_version\": 4,"
                + " \"cidr\": \"10.5.0.0/24\"}}").status()).isEqualTo(404);

        JsonNode v6 = create(alice, "subnets", "subnet", "{\"network_id\": \"" + net + "\", \"ip_version\": 6,"
                + " \"cidr\": \"2001:db8:1::/64\", \"ipv6_address_mode\": \"slaac\", \"ipv6_ra_mode\": \"slaac\"}");
        assertThat(v6.get("gateway_ip").asString()).isEqualTo("2001:db8:1::1");
        JsonNode port = create(alice, "ports", "port", "{\"network_id\": \"" + net + "\"}");
        assertThat(port.get("fixed_ips").size()).isEqualTo(2);
        // SLAAC: the EUI-64 address of the port's MAC (fa:16:3e:... -> f816:3eff:fe...)
        assertThat(port.get("fixed_ips").toString()).contains("2001:db8:1:0:f816:3eff:fe");
        // a SLAAC address goes with its subnet (as Neutron); an IPv4 allocation keeps its subnet
        assertThat(delete(alice, "/v2.0/subnets/" + v6.get("id").asString()).status()).isEqualTo(204);
        assertThat(get(alice, "/v2.0/ports/" + port.get("id").asString()).json().get("port").get("fixed_ips").size())
                .isEqualTo(1);
        assertThat(delete(alice, "/v2.0/subnets/" + s.get("id").asString()).type()).isEqualTo("SubnetInUse");
    }

    @Test
    void portsGetAMacAndAddressesAndConflictsAre409() throws Exception {
        String net = network(alice, "p1");
        String subnet = subnet(alice, net, "10.10.0.0/24");
        JsonNode p = create(alice, "ports", "port", "{\"network_id\": \"" + net + "\", \"name\": \"vm1\","
                + " \"device_id\": \"dev-1\", \"device_owner\": \"compute:nova\"}");
        assertThat(p.get("mac_address").asString()).matches("fa:16:3e(:[0-9a-f]{2}){3}");
        assertThat(p.get("status").asString()).isEqualTo("DOWN");
        assertThat(p.get("fixed_ips").get(0).get("subnet_id").asString()).isEqualTo(subnet);
        assertThat(p.get("fixed_ips").get(0).get("ip_address").asString()).startsWith("10.10.0.");
        assertThat(p.get("security_groups").size()).isEqualTo(1);
        assertThat(p.get("binding:vnic_type").asString()).isEqualTo("normal");
        assertThat(p.has("binding:host_id")).isFalse();

        Reply taken = post(alice, "/v2.0/ports", "{\"port\": {\"network_id\": \"" + net + "\", \"fixed_ips\":"
                + " [{\"ip_address\": \"" + p.get("fixed_ips").get(0).get("ip_address").asString() + "\"}]}}");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.type()).isEqualTo("IpAddressInUse");
        Reply mac = post(alice, "/v2.0/ports", "{\"port\": {\"network_id\": \"" + net + "\", \"mac_address\": \""
                + p.get("mac_address").asString() + "\"}}");
        assertThat(mac.status()).isEqualTo(409);
        assertThat(mac.type()).isEqualTo("MacAddressInUse");
        assertThat(post(alice, "/v2.0/ports", "{\"port\": {\"network_id\": \"" + net + "\", \"fixed_ips\":"
                + " [{\"ip_address\": \"10.99.0.5\"}]}}").status()).isEqualTo(400);
        assertThat(post(alice, "/v2.0/ports", "{\"port\": {\"network_id\": \"" + net + "\", \"mac_address\":"
                + " \"zz\"}}").status()).isEqualTo(400);
        assertThat(post(alice, "/v2.0/ports", "{\"port\": {\"network_id\": \"" + net + "\", \"binding:host_id\":"
                + " \"h1\"}}").status()).isEqualTo(403);

        JsonNode fixed = create(alice, "ports", "port", "{\"network_id\": \"" + net + "\", \"fixed_ips\":"
                + " [{\"subnet_id\": \"" + subnet + "\", \"ip_address\": \"10.10.0.77\"}], \"allowed_address_pairs\":"
                + " [{\"ip_address\": \"10.10.0.200\"}]}");
        assertThat(fixed.get("fixed_ips").get(0).get("ip_address").asString()).isEqualTo("10.10.0.77");
        assertThat(fixed.get("allowed_address_pairs").get(0).get("mac_address").asString())
                .isEqualTo(fixed.get("mac_address").asString());
        String id = fixed.get("id").asString();
        Reply moved = put(alice, "/v2.0/ports/" + id, "{\"port\": {\"fixed_ips\": [{\"ip_address\": \"10.10.0.78\"}]}}");
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().get("port").get("fixed_ips").toString()).contains("10.10.0.78").doesNotContain(".77");
        // the released address is free again
        String again = create(alice, "ports", "port", "{\"network_id\": \"" + net + "\", \"fixed_ips\":"
                + " [{\"ip_address\": \"10.10.0.77\"}]}").get("id").asString();
        Reply bound = put(admin, "/v2.0/ports/" + id, "{\"port\": {\"binding:host_id\": \"host-1\"}}");
        assertThat(bound.json().get("port").get("binding:vif_type").asString()).isEqualTo("bridge");
        assertThat(get(alice, "/v2.0/ports?fixed_ips=ip_address%3D10.10.0.78").json().get("ports").size())
                .isEqualTo(1);
        assertThat(get(alice, "/v2.0/ports?device_id=dev-1").json().get("ports").size()).isEqualTo(1);
        // ip-substring-filtering: part of an address, here .78 and .77 but not .78 alone
        assertThat(get(alice, "/v2.0/ports?network_id=" + net + "&fixed_ips=ip_address_substr%3D10.10.0.78").json()
                .get("ports").findValuesAsString("id")).containsExactly(id);
        JsonNode both = get(alice, "/v2.0/ports?network_id=" + net + "&fixed_ips=ip_address_substr%3D0.0.7").json()
                .get("ports");
        assertThat(both.findValuesAsString("id")).contains(id, again);
        for (JsonNode found : both) {
            assertThat(found.get("fixed_ips").findValuesAsString("ip_address")).anyMatch(a -> a.contains("0.0.7"));
        }

        // tenant isolation: another project sees none of it, and cannot put a port on the private network
        assertThat(get(bob, "/v2.0/ports/" + id).status()).isEqualTo(404);
        assertThat(get(bob, "/v2.0/ports").json().get("ports").findValuesAsString("id")).doesNotContain(id);
        assertThat(post(bob, "/v2.0/ports", "{\"port\": {\"network_id\": \"" + net + "\"}}").status()).isEqualTo(404);
        assertThat(delete(alice, "/v2.0/networks/" + net).type()).isEqualTo("NetworkInUse");
        assertThat(delete(alice, "/v2.0/ports/" + id).status()).isEqualTo(204);
        assertThat(get(alice, "/v2.0/ports/" + id).type()).isEqualTo("PortNotFound");
    }

    @Test
    void aFullPoolIsA409AndPortSecurityOffRefusesGroups() throws Exception {
        String net = network(alice, "small");
        create(alice, "subnets", "subnet", "{\"network_id\": \"" + net + "\", \"ip_version\": 4, \"cidr\":"
                + " \"10.20.0.0/29\"}");
        // five addresses in the pool: the subnet's DHCP server holds one, four are left for ports
        for (int i = 0; i < 4; i++) {
            create(alice, "ports", "port", "{\"network_id\": \"" + net + "\"}");
        }
        Reply full = post(alice, "/v2.0/ports", "{\"port\": {\"network_id\": \"" + net + "\"}}");
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.type()).isEqualTo("IpAddressGenerationFailure");

        String open = network(alice, "open");
        JsonNode p = create(alice, "ports", "port", "{\"network_id\": \"" + open + "\", \"port_security_enabled\":"
                + " false}");
        assertThat(p.get("security_groups").size()).isZero();
        assertThat(put(alice, "/v2.0/ports/" + p.get("id").asString(), "{\"port\": {\"allowed_address_pairs\":"
                + " [{\"ip_address\": \"10.0.0.9\"}]}}").status()).isEqualTo(409);
    }

    @Test
    void concurrentCreatesNeverShareAnAddress() throws Exception {
        String token = TestTokens.project("p-race", "member");
        String net = network(token, "race");
        subnet(token, net, "10.30.0.0/26");
        int ports = 48;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < ports; i++) {
                futures.add(pool.submit(() -> post(token, "/v2.0/ports", "{\"port\": {\"network_id\": \"" + net
                        + "\"}}")));
            }
            Set<String> ips = new HashSet<>();
            Set<String> macs = new HashSet<>();
            for (Future<Reply> f : futures) {
                Reply r = f.get();
                assertThat(r.status()).as(r.body()).isEqualTo(201);
                ips.add(r.json().get("port").get("fixed_ips").get(0).get("ip_address").asString());
                macs.add(r.json().get("port").get("mac_address").asString());
            }
            assertThat(ips).hasSize(ports);
            assertThat(macs).hasSize(ports);
        } finally {
            pool.shutdownNow();
        }
        // the default group was made once, however many first uses raced
        assertThat(get(token, "/v2.0/security-groups?name=default").json().get("security_groups").size()).isEqualTo(1);
    }
}
