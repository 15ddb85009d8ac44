package io.nubo.compute.migration;

import java.time.Instant;

/**
 * A migration row. {@code actionId} is the instance action (and task) that carries it out; the
 * {@code vcpus}/{@code memoryMb}/{@code diskGb} are what was claimed on the destination ({@code destClaimed} while
 * held). Progress figures are libvirt's job figures as the source agent reports them (bytes; memory and, in a block
 * migration, disks together under memory, as libvirt counts them in one job).
 */
public record Migration(long id, String uuid, String instanceUuid, MigrationType type, MigrationStatus status,
                        String sourceCompute, String sourceNode, String destCompute, String destNode,
                        String destHost, String oldFlavorId, String newFlavorId, String actionId, int vcpus,
                        long memoryMb, long diskGb, boolean destClaimed, Long memoryTotal, Long memoryProcessed,
                        Long memoryRemaining, Long diskTotal, Long diskProcessed, Long diskRemaining,
                        String errorMessage, String userId, String projectId, Instant createdAt,
                        Instant updatedAt) {
}
