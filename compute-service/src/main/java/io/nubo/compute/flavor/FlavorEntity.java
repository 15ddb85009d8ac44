package io.nubo.compute.flavor;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

@Entity
@Table(name = "flavors")
class FlavorEntity {

    @Id
    String id;
    String name;
    int vcpus;
    @Column(name = "ram_mb")
    int ramMb;
    @Column(name = "disk_gb")
    int diskGb;
    @Column(name = "ephemeral_gb")
    int ephemeralGb;
    @Column(name = "swap_mb")
    int swapMb;
    @Column(name = "rxtx_factor")
    double rxtxFactor;
    @Column(name = "is_public")
    boolean isPublic;
    boolean disabled;
    String description;
    @Column(name = "created_at")
    Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "flavor_extra_specs", joinColumns = @JoinColumn(name = "flavor_id"))
    @MapKeyColumn(name = "spec_key")
    @Column(name = "spec_value")
    Map<String, String> extraSpecs = new TreeMap<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "flavor_projects", joinColumns = @JoinColumn(name = "flavor_id"))
    @Column(name = "project_id")
    Set<String> projects = new HashSet<>();

    Flavor toFlavor() {
        return new Flavor(id, name, vcpus, ramMb, diskGb, ephemeralGb, swapMb, rxtxFactor, isPublic, disabled,
                description, Map.copyOf(extraSpecs));
    }
}
