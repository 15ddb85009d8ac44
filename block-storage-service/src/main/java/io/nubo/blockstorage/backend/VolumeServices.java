package io.nubo.blockstorage.backend;

import io.nubo.blockstorage.config.BlockStorageProperties;
import io.nubo.blockstorage.error.VolumeError;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The services Cinder would run, as this one process plays them: a {@code cinder-scheduler} on the host and a
 * {@code cinder-volume} per configured backend on {@code host@backend}. All are up while the process answers; an
 * operator may disable one (os-services/disable), and a disabled {@code cinder-volume} takes no new volumes, as
 * Cinder's scheduler skips a disabled backend.
 */
@Service
public class VolumeServices {

    public static final String SCHEDULER = "cinder-scheduler";
    public static final String VOLUME = "cinder-volume";

    /** One service as os-services and os-hosts show it. */
    public record Info(String binary, String host, String backend, boolean disabled, String disabledReason,
                       Instant updatedAt) {
    }

    private final VolumeBackends backends;
    private final ServiceStateRepository states;
    private final String host;
    private final Clock clock;

    public VolumeServices(VolumeBackends backends, ServiceStateRepository states, BlockStorageProperties properties,
                          Clock clock) {
        this.backends = backends;
        this.states = states;
        this.host = properties.host();
        this.clock = clock;
    }

    public String host() {
        return host;
    }

    /** {@code host@backend}: the name of a backend's volume service (and, with {@code #backend}, of its pool). */
    public String backendHost(VolumeBackend b) {
        return host + "@" + b.driver();
    }

    @Transactional(readOnly = true)
    public List<Info> all() {
        Map<ServiceStateEntity.Key, ServiceStateEntity> s = states.findAll().stream()
                .collect(Collectors.toMap(e -> new ServiceStateEntity.Key(e.getHost(), e.getBinaryName()),
                        Function.identity()));
        Instant now = clock.instant();
        List<Info> all = new ArrayList<>();
        all.add(info(SCHEDULER, host, null, s, now));
        for (VolumeBackend b : backends.all()) {
            all.add(info(VOLUME, backendHost(b), b.driver(), s, now));
        }
        return all;
    }

    private static Info info(String binary, String host, String backend,
                             Map<ServiceStateEntity.Key, ServiceStateEntity> states, Instant now) {
        ServiceStateEntity e = states.get(new ServiceStateEntity.Key(host, binary));
        return new Info(binary, host, backend, e != null && e.isDisabled(), e == null ? null : e.getDisabledReason(),
                now);
    }

    /** Cinder's host filter: {@code h} matches {@code h}, {@code h@backend} and {@code h@backend#pool}. */
    public static boolean hostMatches(String filter, String host) {
        return host.equals(filter) || host.startsWith(filter + "@") || host.startsWith(filter + "#");
    }

    /** enable / disable (with a reason or none): 404 when no such service runs, as Cinder. */
    @Transactional
    public Info set(String host, String binary, boolean disabled, String reason) {
        Info found = all().stream().filter(i -> i.host().equals(host) && i.binary().equals(binary)).findFirst()
                .orElseThrow(() -> VolumeError.NOT_FOUND.exception("Service " + binary + " on host " + host
                        + " could not be found."));
        ServiceStateEntity e = states.findById(new ServiceStateEntity.Key(host, binary))
                .orElseGet(() -> new ServiceStateEntity(host, binary));
        e.set(disabled, reason, clock.instant());
        states.save(e);
        return new Info(found.binary(), found.host(), found.backend(), disabled, reason, e.getUpdatedAt());
    }

    /** The cinder-volume service of {@code host} ({@code host@backend}, a {@code #pool} ignored), if there is one. */
    @Transactional(readOnly = true)
    public java.util.Optional<Info> volumeService(String host) {
        String h = host.contains("#") ? host.substring(0, host.indexOf('#')) : host;
        return all().stream().filter(i -> VOLUME.equals(i.binary()) && i.host().equals(h)).findFirst();
    }

    /** Whether new volumes may go to the backend: its volume service is not disabled. */
    @Transactional(readOnly = true)
    public boolean accepts(String backend) {
        return all().stream().noneMatch(i -> VOLUME.equals(i.binary()) && backend.equals(i.backend())
                && i.disabled());
    }
}
