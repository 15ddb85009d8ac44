package io.nubo.compute.server;

import io.nubo.compute.server.state.ServerStatus;
import io.nubo.compute.server.state.TaskState;
import io.nubo.compute.server.state.VmState;
import io.nubo.shared.events.compute.FlavorSpec;
import java.time.Instant;
import java.util.Map;

/** An instance row: what the API knows about a server. {@code status} is derived, never stored. */
public record Instance(String id, String projectId, String userId, String displayName, String hostname,
                       String reservationId, int launchIndex, FlavorSpec flavor, String imageId, String keyName,
                       String keyData, String userData, boolean configDrive, String availabilityZone,
                       String requestedZone, String host, boolean claimed, VmState vmState, TaskState taskState,
                       int powerState, String taskActionId, Instant taskStartedAt, boolean locked, String lockedBy,
                       String accessIpv4, String accessIpv6, int progress, Instant createdAt, Instant updatedAt,
                       Instant launchedAt, Instant terminatedAt, boolean deleted, Instant deletedAt,
                       String description, String kernelId, String ramdiskId, String diskConfig) {

    public String status() {
        return ServerStatus.of(vmState, taskState);
    }

    /** Nova's {@code OS-EXT-SRV-ATTR:instance_name}: the libvirt domain name the agent uses. */
    public String instanceName() {
        return "instance-" + id;
    }

    public Map<String, String> flavorExtraSpecs() {
        return flavor.extraSpecs() == null ? Map.of() : flavor.extraSpecs();
    }
}
