package io.nubo.compute.hypervisor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.compute.config.ComputeProperties;
import io.nubo.compute.error.ComputeError;
import io.nubo.compute.host.ComputeHost;
import io.nubo.compute.host.HostStore;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerService;
import io.nubo.compute.wire.Access;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.ComputePolicy;
import io.nubo.shared.microversion.ApiVersion;
import java.time.Clock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Nova's os-hypervisors at 2.1: one hypervisor per registered host, as its agent last reported it. */
@RestController
@RequestMapping("/v2.1/os-hypervisors")
class HypervisorController {

    record Service(String host, long id, @JsonProperty("disabled_reason") String disabledReason) {
    }

    record Summary(long id, @JsonProperty("hypervisor_hostname") String hypervisorHostname, String state,
                   String status) {
    }

    record Detail(long id, @JsonProperty("hypervisor_hostname") String hypervisorHostname, String state,
                  String status, @JsonProperty("cpu_info") Object cpuInfo,
                  @JsonProperty("current_workload") int currentWorkload,
                  @JsonProperty("disk_available_least") long diskAvailableLeast,
                  @JsonProperty("host_ip") String hostIp, @JsonProperty("free_disk_gb") long freeDiskGb,
                  @JsonProperty("free_ram_mb") long freeRamMb,
                  @JsonProperty("hypervisor_type") String hypervisorType,
                  @JsonProperty("hypervisor_version") long hypervisorVersion,
                  @JsonProperty("local_gb") long localGb, @JsonProperty("local_gb_used") long localGbUsed,
                  @JsonProperty("memory_mb") long memoryMb, @JsonProperty("memory_mb_used") long memoryMbUsed,
                  @JsonProperty("running_vms") int runningVms, Service service, int vcpus,
                  @JsonProperty("vcpus_used") int vcpusUsed) {
    }

    record ServerRef(String uuid, String name) {
    }

    record WithServers(long id, @JsonProperty("hypervisor_hostname") String hypervisorHostname, String state,
                       String status, @JsonInclude(JsonInclude.Include.NON_NULL) List<ServerRef> servers) {
    }

    record Statistics(int count, @JsonProperty("current_workload") int currentWorkload,
                      @JsonProperty("disk_available_least") long diskAvailableLeast,
                      @JsonProperty("free_disk_gb") long freeDiskGb, @JsonProperty("free_ram_mb") long freeRamMb,
                      @JsonProperty("local_gb") long localGb, @JsonProperty("local_gb_used") long localGbUsed,
                      @JsonProperty("memory_mb") long memoryMb, @JsonProperty("memory_mb_used") long memoryMbUsed,
                      @JsonProperty("running_vms") int runningVms, int vcpus,
                      @JsonProperty("vcpus_used") int vcpusUsed) {
    }

    record SummaryList(List<Summary> hypervisors) {
    }

    record DetailList(List<Detail> hypervisors) {
    }

    record DetailOne(Detail hypervisor) {
    }

    record ServersList(List<WithServers> hypervisors) {
    }

    record StatisticsOne(@JsonProperty("hypervisor_statistics") Statistics hypervisorStatistics) {
    }

    private static final JsonMapper CPU_JSON = JsonMapper.builder().build();

    private final HostStore hosts;
    private final ServerService servers;
    private final Access access;
    private final ComputeProperties props;
    private final Clock clock;

    HypervisorController(HostStore hosts, ServerService servers, Access access, ComputeProperties props,
                         Clock clock) {
        this.hosts = hosts;
        this.servers = servers;
        this.access = access;
        this.props = props;
        this.clock = clock;
    }

    private String state(ComputeHost h) {
        return h.up(clock.instant(), props.heartbeatTimeout()) ? "up" : "down";
    }

    private static String status(ComputeHost h) {
        return h.disabled() ? "disabled" : "enabled";
    }

    /** {@code cpu_info}: libvirt's CPU as a JSON string up to 2.27, the same as an object from 2.28. */
    private static Object cpuInfo(ComputeHost h, boolean v228) {
        String text = h.cpuInfo() == null ? "{}" : h.cpuInfo();
        if (!v228) {
            return text;
        }
        try {
            JsonNode n = CPU_JSON.readTree(text);
            return n != null && n.isObject() ? n : CPU_JSON.createObjectNode();
        } catch (RuntimeException e) {
            return CPU_JSON.createObjectNode();
        }
    }

    private Detail detail(ComputeHost h) {
        return detail(h, false);
    }

    private Detail detail(ComputeHost h, boolean v228) {
        int workload = (int) servers.onHost(h.host()).stream().filter(i -> i.taskState() != null).count();
        return new Detail(h.id(), h.host(), state(h), status(h), cpuInfo(h, v228), workload,
                h.localGb() - h.localGbUsed(), h.hostIp() == null ? "127.0.0.1" : h.hostIp(),
                h.localGb() - h.localGbUsed(), h.memoryMb() - h.memoryMbUsed(),
                h.hypervisorType() == null ? "QEMU" : h.hypervisorType(), h.hypervisorVersion(), h.localGb(),
                h.localGbUsed(), h.memoryMb(), h.memoryMbUsed(), h.runningVms(),
                new Service(h.host(), h.id(), h.disabledReason()), h.vcpus(), h.vcpusUsed());
    }

    private ComputeHost byId(String id) {
        try {
            return hosts.byId(Long.parseLong(id)).orElseThrow(() -> ComputeError.NOT_FOUND
                    .exception("Hypervisor with ID '" + id + "' could not be found."));
        } catch (NumberFormatException e) {
            throw ComputeError.NOT_FOUND.exception("Hypervisor with ID '" + id + "' could not be found.");
        }
    }

    @GetMapping
    SummaryList list(Caller caller) {
        access.check(ComputePolicy.HYPERVISORS, caller);
        return new SummaryList(hosts.all().stream().map(h -> new Summary(h.id(), h.host(), state(h), status(h)))
                .toList());
    }

    @GetMapping("/detail")
    DetailList detailList(Caller caller, ApiVersion version) {
        access.check(ComputePolicy.HYPERVISORS, caller);
        boolean v228 = version.atLeast("2.28");
        return new DetailList(hosts.all().stream().map(h -> detail(h, v228)).toList());
    }

    @GetMapping("/statistics")
    StatisticsOne statistics(Caller caller) {
        access.check(ComputePolicy.HYPERVISORS, caller);
        List<Detail> all = hosts.all().stream().map(this::detail).toList();
        return new StatisticsOne(new Statistics(all.size(), all.stream().mapToInt(Detail::currentWorkload).sum(),
                all.stream().mapToLong(Detail::diskAvailableLeast).sum(),
                all.stream().mapToLong(Detail::freeDiskGb).sum(), all.stream().mapToLong(Detail::freeRamMb).sum(),
                all.stream().mapToLong(Detail::localGb).sum(), all.stream().mapToLong(Detail::localGbUsed).sum(),
                all.stream().mapToLong(Detail::memoryMb).sum(), all.stream().mapToLong(Detail::memoryMbUsed).sum(),
                all.stream().mapToInt(Detail::runningVms).sum(), all.stream().mapToInt(Detail::vcpus).sum(),
                all.stream().mapToInt(Detail::vcpusUsed).sum()));
    }

    @GetMapping("/{id}")
    DetailOne show(Caller caller, ApiVersion version, @PathVariable String id) {
        access.check(ComputePolicy.HYPERVISORS, caller);
        return new DetailOne(detail(byId(id), version.atLeast("2.28")));
    }

    /** Nova answers 501 when the driver cannot tell a host's uptime; the agents do not report it. */
    @GetMapping("/{id}/uptime")
    void uptime(Caller caller, @PathVariable String id) {
        access.check(ComputePolicy.HYPERVISORS, caller);
        byId(id);
        throw ComputeError.NOT_IMPLEMENTED.exception("Virt driver does not implement uptime function.");
    }

    @GetMapping("/{pattern}/search")
    SummaryList search(Caller caller, @PathVariable String pattern) {
        access.check(ComputePolicy.HYPERVISORS, caller);
        List<Summary> found = hosts.all().stream().filter(h -> h.host().contains(pattern))
                .map(h -> new Summary(h.id(), h.host(), state(h), status(h))).toList();
        if (found.isEmpty()) {
            throw ComputeError.NOT_FOUND.exception("No hypervisor matching '" + pattern + "' could be found.");
        }
        return new SummaryList(found);
    }

    @GetMapping("/{pattern}/servers")
    ServersList servers(Caller caller, @PathVariable String pattern) {
        access.check(ComputePolicy.HYPERVISORS, caller);
        List<WithServers> found = hosts.all().stream().filter(h -> h.host().contains(pattern))
                .map(h -> {
                    List<ServerRef> on = servers.onHost(h.host()).stream()
                            .map((Instance i) -> new ServerRef(i.id(), i.displayName())).toList();
                    return new WithServers(h.id(), h.host(), state(h), status(h), on.isEmpty() ? null : on);
                }).toList();
        if (found.isEmpty()) {
            throw ComputeError.NOT_FOUND.exception("No hypervisor matching '" + pattern + "' could be found.");
        }
        return new ServersList(found);
    }
}
