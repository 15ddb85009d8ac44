package io.nubo.compute.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The compute API's settings, {@code nubo.compute.*}.
 *
 * @param imageUrl            the image service's base URL (Glance v2 under it), called with the user's own token
 * @param cpuAllocationRatio  virtual CPUs the scheduler may place per physical one (Nova's cpu_allocation_ratio)
 * @param ramAllocationRatio  likewise for RAM
 * @param diskAllocationRatio likewise for local disk
 * @param heartbeatTimeout    a host whose last HostStatus is older than this is down (Nova's service_down_time)
 * @param taskTimeout         a task whose command got no answer for this long fails at the next sweep
 * @param consoleTimeout      how long os-getConsoleOutput waits for the agent
 * @param defaultAvailabilityZone the zone of hosts in no aggregate with a zone (Nova's default_availability_zone)
 */
@ConfigurationProperties("nubo.compute")
public record ComputeProperties(
        @DefaultValue("http://127.0.0.1:8782") String imageUrl,
        @DefaultValue("4.0") double cpuAllocationRatio,
        @DefaultValue("1.0") double ramAllocationRatio,
        @DefaultValue("1.0") double diskAllocationRatio,
        @DefaultValue("60s") Duration heartbeatTimeout,
        @DefaultValue("10m") Duration taskTimeout,
        @DefaultValue("30s") Duration consoleTimeout,
        @DefaultValue("nova") String defaultAvailabilityZone) {

    public ComputeProperties {
        if (imageUrl == null || imageUrl.isBlank()) {
            throw new IllegalStateException("nubo.compute.image-url is required: the image service's base URL");
        }
        if (cpuAllocationRatio <= 0 || ramAllocationRatio <= 0 || diskAllocationRatio <= 0) {
            throw new IllegalStateException("nubo.compute.*-allocation-ratio must be positive");
        }
    }
}
