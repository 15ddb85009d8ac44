package io.nubo.compute.host;

import io.nubo.compute.config.ComputeProperties;
import io.nubo.shared.events.compute.HostStatus;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Registers hosts and keeps their capacity and liveness from the agents' HostStatus heartbeats. */
@Service
public class HostRegistry {

    private static final Logger log = LoggerFactory.getLogger(HostRegistry.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HostStore hosts;
    private final Clock clock;
    private final ComputeProperties props;

    HostRegistry(HostStore hosts, Clock clock, ComputeProperties props) {
        this.hosts = hosts;
        this.clock = clock;
        this.props = props;
    }

    /**
     * Nova's {@code host_status} of a server on {@code host} (2.16): {@code DOWN} when forced down,
     * {@code MAINTENANCE} when disabled, {@code UP} while heartbeats arrive, else {@code UNKNOWN}; {@code ""} for
     * a server on no host (or a host no longer registered).
     */
    @Transactional(readOnly = true)
    public String hostStatus(String host) {
        if (host == null) {
            return "";
        }
        return hosts.byName(host).map(h -> h.forcedDown() ? "DOWN" : h.disabled() ? "MAINTENANCE"
                : h.up(clock.instant(), props.heartbeatTimeout()) ? "UP" : "UNKNOWN").orElse("");
    }

    /** Nova's cpu_info as os-hypervisors shows it. */
    record CpuInfo(String arch, String model, String vendor, List<String> features) {
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void heartbeat(HostStatus s) {
        String cpu = JSON.writeValueAsString(new CpuInfo(s.cpuArch(), s.cpuModel(), s.cpuVendor(),
                s.cpuFeatures() == null ? List.of() : s.cpuFeatures()));
        if (hosts.record(s, cpu, clock.instant())) {
            log.info("Compute host {} registered: {} vCPU, {} MiB RAM, {} GiB disk ({} {})", s.host(), s.vcpus(),
                    s.memoryMb(), s.localGb(), s.hypervisorType(), s.hypervisorVersion());
        }
    }
}
