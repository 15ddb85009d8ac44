package io.nubo.compute.iface.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Nova 2.1's os-interface shapes (api-ref "Port Interfaces (servers, os-interface)"). */
public final class InterfaceAttachmentViews {

    private InterfaceAttachmentViews() {
    }

    public record FixedIp(@JsonProperty("subnet_id") String subnetId, @JsonProperty("ip_address") String ipAddress) {
    }

    public record Attachment(@JsonProperty("port_state") String portState,
                             @JsonProperty("fixed_ips") List<FixedIp> fixedIps,
                             @JsonProperty("port_id") String portId,
                             @JsonProperty("net_id") String netId,
                             @JsonProperty("mac_addr") String macAddr) {
    }

    public record One(Attachment interfaceAttachment) {
    }

    public record Many(List<Attachment> interfaceAttachments) {
    }
}
