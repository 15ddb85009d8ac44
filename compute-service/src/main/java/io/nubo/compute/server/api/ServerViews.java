package io.nubo.compute.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.nubo.shared.api.Link;
import java.util.List;
import java.util.Map;

/**
 * Nova's server JSON shapes (api-ref compute "Servers", api-samples servers/*): the 2.1 fields, and those later
 * microversions add (null where the version asked does not show them, hence absent).
 */
public final class ServerViews {

    private ServerViews() {
    }

    public record Ref(String id, List<Link> links) {
    }

    public record Fault(int code, String created, String message,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String details) {
    }

    public record SecurityGroup(String name) {
    }

    /** {@code delete_on_termination} from 2.3 on (null: absent). */
    public record VolumeAttached(String id, @JsonProperty("delete_on_termination")
                                 @JsonInclude(JsonInclude.Include.NON_NULL) Boolean deleteOnTermination) {
    }

    /** The extended server attributes of 2.3 (admins): each present, null where the server has none. */
    public record ExtendedAttributes(
            @JsonProperty("OS-EXT-SRV-ATTR:reservation_id") String reservationId,
            @JsonProperty("OS-EXT-SRV-ATTR:launch_index") int launchIndex,
            @JsonProperty("OS-EXT-SRV-ATTR:kernel_id") String kernelId,
            @JsonProperty("OS-EXT-SRV-ATTR:ramdisk_id") String ramdiskId,
            @JsonProperty("OS-EXT-SRV-ATTR:hostname") String hostname,
            @JsonProperty("OS-EXT-SRV-ATTR:root_device_name") String rootDeviceName,
            @JsonProperty("OS-EXT-SRV-ATTR:user_data") String userData) {
    }

    /** The server's {@code description} (2.19): present, null when it has none. */
    public record Described(String description) {
    }

    /** The full view (show, list detail). Admin-only attributes are null, hence absent, for others. */
    public record Detail(
            String id, String name, String status,
            @JsonProperty("tenant_id") String tenantId, @JsonProperty("user_id") String userId,
            Map<String, String> metadata, String hostId, Object image, Ref flavor, String created, String updated,
            Map<String, Object> addresses, String accessIPv4, String accessIPv6, List<Link> links,
            @JsonProperty("OS-DCF:diskConfig") String diskConfig,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer progress,
            @JsonInclude(JsonInclude.Include.NON_NULL) Fault fault,
            @JsonProperty("key_name") String keyName,
            @JsonProperty("security_groups") @JsonInclude(JsonInclude.Include.NON_NULL)
            List<SecurityGroup> securityGroups,
            @JsonProperty("OS-SRV-USG:launched_at") String launchedAt,
            @JsonProperty("OS-SRV-USG:terminated_at") String terminatedAt,
            @JsonProperty("OS-EXT-AZ:availability_zone") String availabilityZone,
            @JsonProperty("OS-EXT-STS:vm_state") String vmState,
            @JsonProperty("OS-EXT-STS:task_state") String taskState,
            @JsonProperty("OS-EXT-STS:power_state") int powerState,
            @JsonProperty("OS-EXT-SRV-ATTR:host") @JsonInclude(JsonInclude.Include.NON_NULL) String host,
            @JsonProperty("OS-EXT-SRV-ATTR:instance_name") @JsonInclude(JsonInclude.Include.NON_NULL)
            String instanceName,
            @JsonProperty("OS-EXT-SRV-ATTR:hypervisor_hostname") @JsonInclude(JsonInclude.Include.NON_NULL)
            String hypervisorHostname,
            @JsonProperty("os-extended-volumes:volumes_attached") List<VolumeAttached> volumesAttached,
            @JsonProperty("config_drive") String configDrive,
            @JsonUnwrapped ExtendedAttributes extended,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean locked,
            @JsonProperty("host_status") @JsonInclude(JsonInclude.Include.NON_NULL) String hostStatus,
            @JsonUnwrapped Described described,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> tags) {
    }

    /** The basic view (update, rebuild): no extended attributes. */
    public record Basic(
            String id, String name, String status,
            @JsonProperty("tenant_id") String tenantId, @JsonProperty("user_id") String userId,
            Map<String, String> metadata, String hostId, Object image, Ref flavor, String created, String updated,
            Map<String, Object> addresses, String accessIPv4, String accessIPv6, List<Link> links,
            @JsonProperty("OS-DCF:diskConfig") String diskConfig,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer progress,
            @JsonInclude(JsonInclude.Include.NON_NULL) Fault fault,
            @JsonInclude(JsonInclude.Include.NON_NULL) String adminPass,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean locked,
            @JsonUnwrapped Described described,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> tags) {
    }

    /** An address without the OS-EXT-IPS attributes: the basic view's (update, rebuild: Nova's extend_address=False). */
    public record PlainAddress(String addr, int version) {
    }

    public record Summary(String id, String name, List<Link> links) {
    }

    public record Created(String id, List<Link> links, @JsonProperty("OS-DCF:diskConfig") String diskConfig,
                          @JsonProperty("security_groups") List<SecurityGroup> securityGroups, String adminPass) {
    }

    public record CreatedOne(Created server) {
    }

    public record ReservationId(@JsonProperty("reservation_id") String reservationId) {
    }

    public record DetailOne(Detail server) {
    }

    public record BasicOne(Basic server) {
    }

    public record SummaryList(List<Summary> servers,
                              @JsonProperty("servers_links") @JsonInclude(JsonInclude.Include.NON_NULL)
                              List<Link> serversLinks) {
    }

    public record DetailList(List<Detail> servers,
                             @JsonProperty("servers_links") @JsonInclude(JsonInclude.Include.NON_NULL)
                             List<Link> serversLinks) {
    }

    public record Metadata(Map<String, String> metadata) {
    }

    public record MetaItem(Map<String, String> meta) {
    }

    public record ConsoleOutput(String output) {
    }

    public record Addresses(Map<String, Object> addresses) {
    }
}
