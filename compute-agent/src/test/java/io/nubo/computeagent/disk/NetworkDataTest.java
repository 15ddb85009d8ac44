package io.nubo.computeagent.disk;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.shared.events.compute.NicSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The config drive's network_data.json for a port as compute sends it, in OpenStack's format (Nova's netutils). */
class NetworkDataTest {

    static final JsonMapper JSON = new JsonMapper();
    static final String LINK = """
            {"links": [{"id": "tap5a99e486-bb", "vif_id": "5a99e486-bb18-49de-b84c-99e563b0f3fc",
                        "type": "bridge", "ethernet_mac_address": "fa:16:3e:0b:ed:00", "mtu": 1450}],
            """;

    /** network_data.json, as JSON, of one port with these addresses. */
    static tools.jackson.databind.JsonNode networkData(NicSpec.FixedIp... ips) {
        NicSpec nic = new NicSpec("5a99e486-bb18-49de-b84c-99e563b0f3fc", "7b5cb4f2-269a-4611-92e9-5367ad5a10d8",
                "fa:16:3e:0b:ed:00", 1450, List.of(ips),
                Map.of("bridge_name", "brq7b5cb4f2-26", "devname", "tap5a99e486-bb"));
        return JSON.readTree(JSON.writeValueAsString(ConfigDrive.networkData(List.of(nic))));
    }

    @Test
    void aPortIsALinkANetworkAndItsDnsServices() {
        assertThat(networkData(new NicSpec.FixedIp("sub-1", "10.77.5.8", "10.77.5.0/24", "10.77.5.1",
                List.of("10.77.5.2")))).isEqualTo(JSON.readTree(LINK + """
                 "networks": [{"id": "network0", "type": "ipv4", "link": "tap5a99e486-bb",
                               "ip_address": "10.77.5.8", "netmask": "255.255.255.0",
                               "network_id": "7b5cb4f2-269a-4611-92e9-5367ad5a10d8",
                               "routes": [{"network": "0.0.0.0", "netmask": "0.0.0.0", "gateway": "10.77.5.1"}],
                               "services": [{"type": "dns", "address": "10.77.5.2"}]}],
                 "services": [{"type": "dns", "address": "10.77.5.2"}]}
                """));
    }

    @Test
    void aDhcpSubnetIsIpv4DhcpAndAnIpv6AddressModeIsItsType() {
        assertThat(networkData(
                new NicSpec.FixedIp("sub-1", "10.77.5.8", "10.77.5.0/24", "10.77.5.1", List.of("10.77.5.2"), true,
                        null),
                new NicSpec.FixedIp("sub-2", "2001:db8::5", "2001:db8::/64", "2001:db8::1", List.of(), true,
                        "slaac"))).isEqualTo(JSON.readTree(LINK + """
                 "networks": [{"id": "network0", "type": "ipv4_dhcp", "link": "tap5a99e486-bb",
                               "network_id": "7b5cb4f2-269a-4611-92e9-5367ad5a10d8"},
                              {"id": "network1", "type": "ipv6_slaac", "link": "tap5a99e486-bb",
                               "ip_address": "2001:db8::5", "netmask": "64",
                               "network_id": "7b5cb4f2-269a-4611-92e9-5367ad5a10d8",
                               "routes": [{"network": "::", "netmask": "::", "gateway": "2001:db8::1"}],
                               "services": []}],
                 "services": [{"type": "dns", "address": "10.77.5.2"}]}
                """));
    }

    @Test
    void noPortsIsEmptyLists() {
        assertThat(ConfigDrive.networkData(List.of())).isEqualTo(Map.of("links", List.of(), "networks", List.of(),
                "services", List.of()));
    }
}
