package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;
import java.time.Instant;
import java.util.List;

/**
 * A host's registration and heartbeat (sent at agent start, then every few seconds, and at a clean stop with
 * {@code state} {@code stopping}). Keyed by host. The API's scheduler claims resources in its own database;
 * the {@code *_used} figures are what the host itself sees, for {@code os-hypervisors}.
 *
 * @param hypervisorType {@code QEMU} (software emulation) or {@code KVM}, chosen by the agent's probe or forced
 *                       by its operator; libvirt's test driver reports {@code test}
 * @param state          {@code up} or {@code stopping}
 * @param migrationLibvirtUri (1.1) this host's libvirtd as other hosts' libvirtds reach it for a peer-to-peer live
 *                       migration ({@code qemu+tcp://10.0.0.2/system}, Nova's {@code live_migration_uri}); null when
 *                       the host takes no incoming live migrations
 * @param migrationUri   (1.1) where qemu on another host sends the guest's memory and disks ({@code tcp://10.0.0.2},
 *                       Nova's {@code live_migration_inbound_addr}); null lets libvirt choose
 * @param instancesDir   (1.1) the agent's instances directory, where an incoming guest's files go
 * @param sharedBlockStorage (1.2) the host's instance disks are on storage every host reaches (the agent's
 *                       {@code images.type=rbd}: RBD images in Ceph), so a guest booted from an image moves live
 *                       without a block migration (Nova's {@code is_shared_block_storage}); false when absent
 */
@EventContract(type = "compute.agent.host_status", version = "1.2", topic = Topics.COMPUTE_AGENT)
@JsonIgnoreProperties(ignoreUnknown = true)
public record HostStatus(
        @JsonProperty("host") String host,
        @JsonProperty("state") String state,
        @JsonProperty("hypervisor_type") String hypervisorType,
        @JsonProperty("hypervisor_version") long hypervisorVersion,
        @JsonProperty("host_ip") String hostIp,
        @JsonProperty("cpu_arch") String cpuArch,
        @JsonProperty("cpu_model") String cpuModel,
        @JsonProperty("cpu_vendor") String cpuVendor,
        @JsonProperty("cpu_features") List<String> cpuFeatures,
        @JsonProperty("vcpus") int vcpus,
        @JsonProperty("memory_mb") long memoryMb,
        @JsonProperty("local_gb") long localGb,
        @JsonProperty("vcpus_used") int vcpusUsed,
        @JsonProperty("memory_mb_used") long memoryMbUsed,
        @JsonProperty("local_gb_used") long localGbUsed,
        @JsonProperty("running_vms") int runningVms,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("reported_at") Instant reportedAt,
        @JsonProperty("migration_libvirt_uri") String migrationLibvirtUri,
        @JsonProperty("migration_uri") String migrationUri,
        @JsonProperty("instances_dir") String instancesDir,
        @JsonProperty("shared_block_storage") boolean sharedBlockStorage) implements AgentReport {

    /** A 1.1 status: the host's instance disks are local files. */
    public HostStatus(String host, String state, String hypervisorType, long hypervisorVersion, String hostIp,
                      String cpuArch, String cpuModel, String cpuVendor, List<String> cpuFeatures, int vcpus,
                      long memoryMb, long localGb, int vcpusUsed, long memoryMbUsed, long localGbUsed, int runningVms,
                      Instant startedAt, Instant reportedAt, String migrationLibvirtUri, String migrationUri,
                      String instancesDir) {
        this(host, state, hypervisorType, hypervisorVersion, hostIp, cpuArch, cpuModel, cpuVendor, cpuFeatures, vcpus,
                memoryMb, localGb, vcpusUsed, memoryMbUsed, localGbUsed, runningVms, startedAt, reportedAt,
                migrationLibvirtUri, migrationUri, instancesDir, false);
    }
}
