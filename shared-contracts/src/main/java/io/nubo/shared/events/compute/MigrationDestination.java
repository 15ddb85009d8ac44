package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a live migration goes, as the source host reaches it (Nova's {@code migrate_data}).
 *
 * @param host          the destination's compute host name
 * @param libvirtUri    the destination libvirtd as the source libvirtd reaches it (peer to peer), e.g.
 *                      {@code qemu+tcp://10.0.0.2/system}
 * @param migrationUri  where qemu sends the guest's memory and disks, e.g. {@code tcp://10.0.0.2} (Nova's
 *                      {@code live_migration_inbound_addr}); null lets libvirt choose
 * @param instancesDir  the destination agent's instances directory (the guest's files go to
 *                      {@code instancesDir/<instance id>})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MigrationDestination(
        @JsonProperty("host") String host,
        @JsonProperty("libvirt_uri") String libvirtUri,
        @JsonProperty("migration_uri") String migrationUri,
        @JsonProperty("instances_dir") String instancesDir) {
}
