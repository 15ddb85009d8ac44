package io.nubo.computeagent.disk;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.shared.events.compute.NicSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The config drive's network_data.json for a port as compute sends it, in OpenStack's format (Nova's netutils). */
class NetworkDataTest {

    @Test
    void aPortIsALinkANetworkAndItsDnsServices() {
        NicSpec nic = new NicSpec("5a99e486-bb18-49de-b84c-99e563b0f3fc", "7b5cb4f2-269a-4611-92e9-5367ad5a10d8",
                "fa:16:3e:0b:ed:00", 1450, List.of(new NicSpec.FixedIp("sub-1", "10.77.5.8", "10.77.5.0/24",
                "10.77.5.1", List.of("10.77.5.2"))),
                Map.of("bridge_name", "brq7b5cb4f2-26", "devname", "tap5a99e486-bb"));
        JsonMapper json = new JsonMapper();
        assertThat(json.readTree(json.writeValueAsString(ConfigDrive.networkData(List.of(nic))))).isEqualTo(
                json.readTree("""
                {"links": [{"id": "tap5a99e486-bb", "vif_id": "5a99e486-bb18-49de-b84c-99e563b0f3fc",
                            "type": "bridge", "ethernet_mac_address": "fa:16:3e:0b:ed:00", "mtu": 1450}],
                 "networks": [{"id": "network0", "type": "ipv4", "link": "tap5a99e486-bb",
                               "ip_address": "10.77.5.8", "netmask": "255.255.255.0",
                               "network_id": "7b5cb4f2-269a-4611-92e9-5367ad5a10d8",
                               "routes": [{"network": "0.0.0.0", "netmask": "0.0.0.0", "gateway": "10.77.5.1"}],
                               "services": [{"type": "dns", "address": "10.77.5.2"}]}],
                 "services": [{"type": "dns", "address": "10.77.5.2"}]}
                """));
    }

    @Test
    void noPortsIsEmptyLists() {
        assertThat(ConfigDrive.networkData(List.of())).isEqualTo(Map.of("links", List.of(), "networks", List.of(),
                "services", List.of()));
    }
}
