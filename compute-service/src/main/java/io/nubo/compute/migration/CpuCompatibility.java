package io.nubo.compute.migration;

import io.nubo.compute.host.ComputeHost;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether a destination offers the CPU a guest on the source may be using (Nova's
 * {@code check_can_live_migrate_destination} comparing the source's CPU with the destination's): same
 * architecture and vendor, and every CPU feature of the source also on the destination. The figures are the
 * {@code cpu_info} the agents report from libvirt's host capabilities; a host that reports none is not compared.
 */
final class CpuCompatibility {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Cpu(String arch, String model, String vendor, Set<String> features) {
    }

    private CpuCompatibility() {
    }

    /** Why {@code dest} cannot take a guest of {@code source}, or empty when it can. */
    static Optional<String> incompatibility(ComputeHost source, ComputeHost dest) {
        Optional<Cpu> from = parse(source.cpuInfo());
        Optional<Cpu> to = parse(dest.cpuInfo());
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        Cpu s = from.get();
        Cpu d = to.get();
        if (s.arch() != null && d.arch() != null && !s.arch().equals(d.arch())) {
            return Optional.of("the CPU architecture of host " + dest.host() + " (" + d.arch() + ") is not that of"
                    + " host " + source.host() + " (" + s.arch() + ")");
        }
        if (s.vendor() != null && d.vendor() != null && !s.vendor().equals(d.vendor())) {
            return Optional.of("the CPU vendor of host " + dest.host() + " (" + d.vendor() + ") is not that of host "
                    + source.host() + " (" + s.vendor() + ")");
        }
        List<String> missing = new ArrayList<>(s.features());
        missing.removeAll(d.features());
        if (!missing.isEmpty()) {
            missing.sort(null);
            return Optional.of("the CPU of host " + dest.host() + " (" + Objects.toString(d.model(), "?")
                    + ") lacks the features " + String.join(", ", missing) + " of host " + source.host() + " ("
                    + Objects.toString(s.model(), "?") + ") that the instance may use");
        }
        return Optional.empty();
    }

    private static Optional<Cpu> parse(String cpuInfo) {
        if (cpuInfo == null || cpuInfo.isBlank()) {
            return Optional.empty();
        }
        JsonNode n = JSON.readTree(cpuInfo);
        Set<String> features = new HashSet<>();
        if (n.has("features")) {
            n.get("features").forEach(f -> features.add(f.asString()));
        }
        return Optional.of(new Cpu(text(n, "arch"), text(n, "model"), text(n, "vendor"), features));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }
}
