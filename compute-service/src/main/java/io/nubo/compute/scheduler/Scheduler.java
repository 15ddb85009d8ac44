package io.nubo.compute.scheduler;

import io.nubo.compute.aggregate.AggregateService;
import io.nubo.compute.config.ComputeProperties;
import io.nubo.compute.host.ComputeHost;
import io.nubo.compute.host.HostStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places an instance on a host, as Nova's filter scheduler does: filters (enabled, up, availability zone, a forced
 * host, server-group hosts to avoid or to stay on, free vCPU/RAM/disk under the allocation ratios), then the most
 * free RAM first (Nova's default RAM weigher spreads instances), then an atomic claim in the database that fails
 * if a concurrent boot took the room first, in which case the next host is tried. When none fits the answer
 * says why for each host.
 */
@Service
public class Scheduler {

    private final HostStore hosts;
    private final AggregateService aggregates;
    private final ComputeProperties props;
    private final Clock clock;

    Scheduler(HostStore hosts, AggregateService aggregates, ComputeProperties props, Clock clock) {
        this.hosts = hosts;
        this.aggregates = aggregates;
        this.props = props;
        this.clock = clock;
    }

    /**
     * What an instance needs.
     *
     * @param zone      the requested availability zone, or null
     * @param forceHost a host named by an admin ({@code zone:host}), or null
     * @param avoid     hosts it must not share (anti-affinity), or empty
     * @param stayOn    hosts it must share (affinity: the group's hosts), or empty for any
     * @param weight    a soft server-group policy's weight per host (higher first, before free RAM), or empty
     */
    public record Request(int vcpus, long ramMb, long diskGb, String zone, String forceHost, Set<String> avoid,
                          Set<String> stayOn, java.util.Map<String, Integer> weight) {
    }

    /** Where it went, or why it could not go anywhere. */
    public record Placement(String host, String zone, String noValidHostReason) {
        public boolean placed() {
            return host != null;
        }
    }

    /** The zone a host is in: its aggregate's, else the default zone. */
    public String zoneOf(String host) {
        return host == null ? props.defaultAvailabilityZone()
                : aggregates.zoneOf(host).orElse(props.defaultAvailabilityZone());
    }

    /** Whether {@code zone} is one this cloud has (the default, or an aggregate's). */
    public boolean zoneExists(String zone) {
        return zone.equals(props.defaultAvailabilityZone()) || aggregates.zones().contains(zone);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Placement place(Request r) {
        return place(r, h -> Optional.empty());
    }

    /**
     * As {@link #place(Request)}, with one more filter of the caller's ({@code extra} answers why a host does not
     * fit, or empty): a live migration's destination must offer the guest's CPU and take incoming migrations.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Placement place(Request r, Function<ComputeHost, Optional<String>> extra) {
        Instant now = clock.instant();
        List<ComputeHost> all = hosts.all();
        List<String> reasons = new ArrayList<>();
        List<ComputeHost> candidates = new ArrayList<>();
        for (ComputeHost h : all) {
            // the caller's filter first: "is the instance's current host" says more than that host's room
            Optional<String> why = extra.apply(h).or(() -> rejection(h, r, now, true));
            if (why.isPresent()) {
                reasons.add(h.host() + " " + why.get());
            } else {
                candidates.add(h);
            }
        }
        candidates.sort(Comparator.comparingInt((ComputeHost h) -> -r.weight().getOrDefault(h.host(), 0))
                .thenComparing(Comparator.comparingDouble((ComputeHost h) -> freeRam(h)).reversed())
                .thenComparing(ComputeHost::host));
        for (ComputeHost h : candidates) {
            if (hosts.claim(h.host(), r.vcpus(), r.ramMb(), r.diskGb(), props.cpuAllocationRatio(),
                    props.ramAllocationRatio(), props.diskAllocationRatio())) {
                return new Placement(h.host(), zoneOf(h.host()), null);
            }
            reasons.add(h.host() + " was taken by a concurrent boot");
        }
        String summary = all.isEmpty() ? "no compute host has registered"
                : all.size() + (all.size() == 1 ? " host: " : " hosts: ") + String.join(", ", reasons);
        return new Placement(null, null, "No valid host was found. " + summary + ".");
    }

    /** Up as the scheduler sees it: its last heartbeat within the timeout, and not forced down. */
    public boolean isUp(ComputeHost h) {
        return h.up(clock.instant(), props.heartbeatTimeout());
    }

    /**
     * Claims room on exactly {@code host} (a destination an admin named), with every filter but the forced host's;
     * otherwise the placement says why it does not fit ({@code "lacks 512 MiB RAM"}).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Placement claimOn(String host, Request r) {
        return claim(host, r, true);
    }

    /**
     * Nova's forced move to a named host (2.29's evacuate, 2.30's live migration with {@code force}): the scheduler's
     * filters are bypassed (a disabled host, another zone, server group rules), but the host must be up and have
     * room, which Nova's conductor still checks and claims.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Placement claimForced(String host, Request r) {
        return claim(host, r, false);
    }

    private Placement claim(String host, Request r, boolean filters) {
        ComputeHost h = hosts.byName(host).orElse(null);
        if (h == null) {
            return new Placement(null, null, "is not a compute host");
        }
        Optional<String> why = rejection(h, r, clock.instant(), filters);
        if (why.isPresent()) {
            return new Placement(null, null, why.get());
        }
        if (hosts.claim(h.host(), r.vcpus(), r.ramMb(), r.diskGb(), props.cpuAllocationRatio(),
                props.ramAllocationRatio(), props.diskAllocationRatio())) {
            return new Placement(h.host(), zoneOf(h.host()), null);
        }
        return new Placement(null, null, "was taken by a concurrent boot");
    }

    /**
     * Claims on {@code host} whatever its room: the resources of a guest that is already running there (a live
     * migration whose late success report arrived after its claim had been given back).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void claimRunning(String host, int vcpus, long ramMb, long diskGb) {
        // a ratio no host reaches (an infinite one would overflow the database's arithmetic)
        hosts.claim(host, vcpus, ramMb, diskGb, 1e9, 1e9, 1e9);
    }

    /** Gives back a claim (a move that ended elsewhere, or the host a guest left). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void release(String host, int vcpus, long ramMb, long diskGb) {
        hosts.release(host, vcpus, ramMb, diskGb);
    }

    private double freeRam(ComputeHost h) {
        return h.memoryMb() * props.ramAllocationRatio() - h.memoryMbClaimed();
    }

    /** {@code filters} false: only whether the host is up and has room (a forced move). */
    private Optional<String> rejection(ComputeHost h, Request r, Instant now, boolean filters) {
        if (filters && r.forceHost() != null && !r.forceHost().equals(h.host())) {
            return Optional.of("is not the requested host");
        }
        if (filters && h.disabled()) {
            return Optional.of("is disabled" + (h.disabledReason() == null ? "" : " (" + h.disabledReason() + ")"));
        }
        if (!h.up(now, props.heartbeatTimeout())) {
            return Optional.of("is down");
        }
        if (filters && r.zone() != null && !r.zone().equals(zoneOf(h.host()))) {
            return Optional.of("is not in availability zone " + r.zone());
        }
        if (filters && r.avoid().contains(h.host())) {
            return Optional.of("already runs a member of the anti-affinity group");
        }
        if (filters && !r.stayOn().isEmpty() && !r.stayOn().contains(h.host())) {
            return Optional.of("does not run the affinity group's members");
        }
        double cpuFree = h.vcpus() * props.cpuAllocationRatio() - h.vcpusClaimed();
        if (cpuFree < r.vcpus()) {
            return Optional.of("lacks " + (long) Math.ceil(r.vcpus() - cpuFree) + " vCPU");
        }
        double ramFree = freeRam(h);
        if (ramFree < r.ramMb()) {
            return Optional.of("lacks " + (long) Math.ceil(r.ramMb() - ramFree) + " MiB RAM");
        }
        double diskFree = h.localGb() * props.diskAllocationRatio() - h.localGbClaimed();
        if (diskFree < r.diskGb()) {
            return Optional.of("lacks " + (long) Math.ceil(r.diskGb() - diskFree) + " GiB disk");
        }
        return Optional.empty();
    }
}
