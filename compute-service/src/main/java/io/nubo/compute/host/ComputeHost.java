package io.nubo.compute.host;

import java.time.Instant;

/**
 * A host as its agent last reported it, with the scheduler's claims and the operator's enable/disable, and how
 * other hosts reach it for a live migration (null when it takes none).
 */
public record ComputeHost(long id, String host, String state, String hypervisorType, long hypervisorVersion,
                          String hostIp, String cpuInfo, int vcpus, long memoryMb, long localGb, int vcpusUsed,
                          long memoryMbUsed, long localGbUsed, int runningVms, int vcpusClaimed,
                          long memoryMbClaimed, long localGbClaimed, boolean disabled, String disabledReason,
                          boolean forcedDown, String serviceId, Instant startedAt, Instant lastSeenAt,
                          Instant updatedAt, String migrationLibvirtUri, String migrationUri, String instancesDir) {

    /** Up: it said {@code up} last, within the heartbeat timeout, and no operator forced it down. */
    public boolean up(Instant now, java.time.Duration heartbeatTimeout) {
        return "up".equals(state) && !forcedDown && lastSeenAt.plus(heartbeatTimeout).isAfter(now);
    }
}
