package io.nubo.computeagent.hypervisor;

import io.nubo.computeagent.domain.DomainDefinition;
import java.util.Objects;

/**
 * A live migration, peer to peer: the source libvirtd reaches the destination at {@code destinationUri} and qemu
 * sends the guest there at {@code migrationUri} (null: libvirt chooses).
 *
 * @param destination the guest's definition on the destination (its files where the destination keeps them)
 * @param copyStorage copy the writable local disks too (non-shared block migration over NBD)
 */
public record MigrationRequest(String destinationUri, String migrationUri, DomainDefinition destination,
                               boolean copyStorage) {

    public MigrationRequest {
        Objects.requireNonNull(destinationUri, "destinationUri");
        Objects.requireNonNull(destination, "destination");
    }
}
