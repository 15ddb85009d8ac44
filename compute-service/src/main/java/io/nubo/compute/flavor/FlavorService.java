package io.nubo.compute.flavor;

import io.nubo.compute.wire.Access;

import io.nubo.compute.error.ComputeError;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Flavors, their extra specs and their access lists (Nova's flavor-manage, extra-specs and flavor-access). */
@Service
public class FlavorService {

    private final FlavorRepository flavors;
    private final Clock clock;

    FlavorService(FlavorRepository flavors, Clock clock) {
        this.flavors = flavors;
        this.clock = clock;
    }

    /** What a flavor create asks for, already checked against Nova's request schema. */
    public record NewFlavor(String id, String name, int vcpus, int ramMb, int diskGb, int ephemeralGb, int swapMb,
                            double rxtxFactor, boolean isPublic, String description) {
    }

    /** Filters and order of a flavor list. {@code visibility}: public, private or all. */
    public record Query(String visibility, String project, int minRam, int minDisk, boolean includeDisabled,
                        String sortKey, boolean descending) {
    }

    @Transactional
    public Flavor create(NewFlavor n) {
        String id = n.id() == null ? UUID.randomUUID().toString() : n.id();
        if (flavors.existsById(id)) {
            throw ComputeError.FLAVOR_EXISTS.exception("ID", id);
        }
        if (flavors.existsByName(n.name())) {
            throw ComputeError.FLAVOR_EXISTS.exception("name", n.name());
        }
        FlavorEntity f = new FlavorEntity();
        f.id = id;
        f.name = n.name();
        f.vcpus = n.vcpus();
        f.ramMb = n.ramMb();
        f.diskGb = n.diskGb();
        f.ephemeralGb = n.ephemeralGb();
        f.swapMb = n.swapMb();
        f.rxtxFactor = n.rxtxFactor();
        f.isPublic = n.isPublic();
        f.description = n.description();
        f.createdAt = clock.instant();
        try {
            return flavors.saveAndFlush(f).toFlavor();
        } catch (DataIntegrityViolationException concurrent) {
            throw ComputeError.FLAVOR_EXISTS.exception("name", n.name());
        }
    }

    @Transactional(readOnly = true)
    public Flavor get(String id) {
        return entity(id).toFlavor();
    }

    @Transactional(readOnly = true)
    public Optional<Flavor> find(String id) {
        return flavors.findById(id).map(FlavorEntity::toFlavor);
    }

    /** A flavor the project may boot: public, or private and shared with it (admins may use any). */
    @Transactional(readOnly = true)
    public Optional<Flavor> usable(String id, String project, boolean admin) {
        return flavors.findById(id).filter(f -> f.isPublic || admin || f.projects.contains(project))
                .map(FlavorEntity::toFlavor);
    }

    @Transactional(readOnly = true)
    public List<Flavor> list(Query q) {
        Comparator<Flavor> order = switch (q.sortKey()) {
            case "name" -> Comparator.comparing(Flavor::name);
            case "memory_mb" -> Comparator.comparingInt(Flavor::ramMb);
            case "vcpus" -> Comparator.comparingInt(Flavor::vcpus);
            case "root_gb" -> Comparator.comparingInt(Flavor::diskGb);
            case "ephemeral_gb" -> Comparator.comparingInt(Flavor::ephemeralGb);
            case "swap" -> Comparator.comparingInt(Flavor::swapMb);
            case "rxtx_factor" -> Comparator.comparingDouble(Flavor::rxtxFactor);
            default -> Comparator.comparing(Flavor::id);
        };
        order = order.thenComparing(Flavor::id);
        return flavors.search(q.visibility(), q.project(), q.minRam(), q.minDisk(), q.includeDisabled()).stream()
                .map(FlavorEntity::toFlavor).sorted(q.descending() ? order.reversed() : order).toList();
    }

    @Transactional
    public void delete(String id) {
        flavors.delete(entity(id));
    }

    @Transactional
    public Map<String, String> setExtraSpecs(String id, Map<String, String> specs) {
        FlavorEntity f = entity(id);
        f.extraSpecs.putAll(specs);
        return specs;
    }

    @Transactional(readOnly = true)
    public String extraSpec(String id, String key) {
        String v = entity(id).extraSpecs.get(key);
        if (v == null) {
            throw ComputeError.EXTRA_SPEC_NOT_FOUND.exception(id, key);
        }
        return v;
    }

    @Transactional
    public void deleteExtraSpec(String id, String key) {
        if (entity(id).extraSpecs.remove(key) == null) {
            throw ComputeError.EXTRA_SPEC_NOT_FOUND.exception(id, key);
        }
    }

    @Transactional(readOnly = true)
    public List<String> access(String id) {
        FlavorEntity f = entity(id);
        if (f.isPublic) {
            throw ComputeError.NOT_FOUND.exception("Access list not available for public flavors.");
        }
        return f.projects.stream().sorted().toList();
    }

    @Transactional
    /** Shares a flavor with a project; from 2.7 ({@code refusePublic}) a public flavor is 409, as Nova. */
    public List<String> addAccess(String id, String project, boolean refusePublic) {
        FlavorEntity f = entity(id);
        if (f.isPublic && refusePublic) {
            throw ComputeError.CONFLICT.exception("Can not add access to a public flavor.");
        }
        if (!f.projects.add(project)) {
            throw ComputeError.FLAVOR_ACCESS_EXISTS.exception(id, project);
        }
        return f.projects.stream().sorted().toList();
    }

    @Transactional
    public List<String> removeAccess(String id, String project) {
        FlavorEntity f = entity(id);
        if (!f.projects.remove(project)) {
            throw ComputeError.FLAVOR_ACCESS_NOT_FOUND.exception(id, project);
        }
        return f.projects.stream().sorted().toList();
    }

    private FlavorEntity entity(String id) {
        return flavors.findById(id).orElseThrow(() -> ComputeError.FLAVOR_NOT_FOUND.exception(id));
    }
}
