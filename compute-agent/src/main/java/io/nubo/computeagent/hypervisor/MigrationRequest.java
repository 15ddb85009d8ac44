package io.nubo.computeagent.hypervisor;

import java.util.List;
import java.util.Objects;

/**
 * A live migration, peer to peer: the source libvirtd reaches the destination at {@code destinationUri} and qemu
 * sends the guest there at {@code migrationUri} (null: libvirt chooses).
 *
 * @param destinationXml the guest's domain XML on the destination (its files where the destination keeps them)
 * @param copyStorage copy the writable local disks too (non-shared block migration over NBD)
 * @param copiedDisks in a block migration, the target names of the disks to copy (the local ones: Nova's
 *                    {@code migrate_disks}); every other disk (volumes on the network or a shared file) is the same
 *                    on both hosts and must not be copied onto itself
 * @param sharedFiles  the guest has writable file disks that are not copied and that the caller vouches for as
 *                     reached at the same path from both hosts (volumes of a file backend): libvirt sees a local
 *                     filesystem and would refuse the move as unsafe ({@code VIR_MIGRATE_UNSAFE} is set)
 */
public record MigrationRequest(String destinationUri, String migrationUri, String destinationXml,
                               boolean copyStorage, List<String> copiedDisks, boolean sharedFiles) {

    public MigrationRequest {
        Objects.requireNonNull(destinationUri, "destinationUri");
        Objects.requireNonNull(destinationXml, "destinationXml");
        copiedDisks = copiedDisks == null ? List.of() : List.copyOf(copiedDisks);
    }
}
