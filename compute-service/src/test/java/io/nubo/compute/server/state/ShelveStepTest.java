package io.nubo.compute.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.shared.events.compute.InstanceReport;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Shelve and unshelve as a table: which report moves which task on, and where it leads. */
class ShelveStepTest {

    private static InstanceReport report(String operation) {
        return new InstanceReport("i", "h", "a", operation, InstanceReport.Outcome.SUCCEEDED, null, null, null,
                Instant.now());
    }

    @Test
    void shelveGoesThroughNovasTaskStatesToOffloaded() {
        assertThat(ShelveStep.of(TaskState.SHELVING, report("stop"), false)).isEqualTo(ShelveStep.POWERED_OFF);
        assertThat(ShelveStep.POWERED_OFF.next()).isEqualTo(TaskState.SHELVING_IMAGE_PENDING_UPLOAD);
        assertThat(ShelveStep.of(TaskState.SHELVING_IMAGE_PENDING_UPLOAD, report("snapshot"), false))
                .isEqualTo(ShelveStep.IMAGE_UPLOADED);
        assertThat(ShelveStep.IMAGE_UPLOADED.next()).isEqualTo(TaskState.SHELVING_OFFLOADING);
        assertThat(ShelveStep.IMAGE_UPLOADED.then()).isEqualTo(ShelveStep.Then.DELETE_GUEST);
        assertThat(ShelveStep.of(TaskState.SHELVING_OFFLOADING, report("delete"), false))
                .isEqualTo(ShelveStep.GUEST_DELETED);
        assertThat(ShelveStep.GUEST_DELETED.next()).isNull();
        assertThat(ShelveStep.GUEST_DELETED.then()).isEqualTo(ShelveStep.Then.OFFLOADED);
        assertThat(ShelveStep.of(TaskState.UNSHELVING, report("spawn"), false)).isEqualTo(ShelveStep.SPAWNED);
        assertThat(ShelveStep.SPAWNED.then()).isEqualTo(ShelveStep.Then.UNSHELVED);
        // a volume-backed server has no snapshot: its guest is deleted once it is off
        assertThat(ShelveStep.of(TaskState.SHELVING, report("stop"), true))
                .isEqualTo(ShelveStep.VOLUME_BACKED_POWERED_OFF);
        assertThat(ShelveStep.VOLUME_BACKED_POWERED_OFF.next()).isEqualTo(TaskState.SHELVING_OFFLOADING);
        assertThat(ShelveStep.VOLUME_BACKED_POWERED_OFF.then()).isEqualTo(ShelveStep.Then.DELETE_GUEST);
        assertThat(ShelveStep.of(TaskState.SHELVING_IMAGE_PENDING_UPLOAD, report("snapshot"), true)).isNull();
        assertThat(ShelveStep.of(TaskState.SHELVING_OFFLOADING, report("delete"), true))
                .isEqualTo(ShelveStep.GUEST_DELETED);
        assertThat(ShelveStep.of(TaskState.UNSHELVING, report("spawn"), true)).isEqualTo(ShelveStep.SPAWNED);
        // a report out of order, or another task's, moves nothing
        assertThat(ShelveStep.of(TaskState.SHELVING, report("snapshot"), false)).isNull();
        assertThat(ShelveStep.of(TaskState.SHELVING, report("delete"), false)).isNull();
        assertThat(ShelveStep.of(TaskState.POWERING_OFF, report("stop"), false)).isNull();
        assertThat(ShelveStep.of(TaskState.SPAWNING, report("spawn"), false)).isNull();
    }

    @Test
    void theStepsTasksBelongToTheSteppedOperations() {
        for (ShelveStep s : ShelveStep.values()) {
            assertThat(ShelveStep.owns(s.from())).isTrue();
            assertThat(ServerOperation.ofTask(s.from()).stepped()).as(s.name()).isTrue();
        }
        assertThat(ShelveStep.owns(TaskState.POWERING_OFF)).isFalse();
        assertThat(ShelveStep.reports("snapshot")).isTrue();
        assertThat(ShelveStep.reports("attach_volume")).isFalse();
        assertThat(ShelveStep.owns(null)).isFalse();
        assertThat(ServerOperation.ofTask(TaskState.SHELVING_IMAGE_PENDING_UPLOAD)).isEqualTo(ServerOperation.SHELVE);
        assertThat(ServerOperation.ofTask(TaskState.UNSHELVING)).isEqualTo(ServerOperation.UNSHELVE);
        assertThat(ServerOperation.ofTask(TaskState.REBOOTING)).isEqualTo(ServerOperation.REBOOT_SOFT);
        assertThat(ServerOperation.STOP.stepped()).isFalse();
    }

    @Test
    void shelveStartsFromNovasStatesAndUnshelveFromShelvedOnes() {
        for (VmState vm : new VmState[] {VmState.ACTIVE, VmState.STOPPED, VmState.PAUSED, VmState.SUSPENDED}) {
            assertThat(ServerOperation.SHELVE.allowedFrom(vm, null)).as(vm.name()).isTrue();
        }
        assertThat(ServerOperation.SHELVE.allowedFrom(VmState.SHELVED_OFFLOADED, null)).isFalse();
        assertThat(ServerOperation.SHELVE.allowedFrom(VmState.ERROR, null)).isFalse();
        assertThat(ServerOperation.SHELVE.allowedFrom(VmState.ACTIVE, TaskState.POWERING_OFF)).isFalse();
        assertThat(ServerOperation.SHELVE_OFFLOAD.allowedFrom(VmState.SHELVED, null)).isTrue();
        assertThat(ServerOperation.SHELVE_OFFLOAD.allowedFrom(VmState.SHELVED_OFFLOADED, null)).isFalse();
        assertThat(ServerOperation.UNSHELVE.allowedFrom(VmState.SHELVED_OFFLOADED, null)).isTrue();
        assertThat(ServerOperation.UNSHELVE.allowedFrom(VmState.ACTIVE, null)).isFalse();
        assertThat(ServerStatus.of(VmState.SHELVED_OFFLOADED, TaskState.UNSHELVING)).isEqualTo("SHELVED_OFFLOADED");
        assertThat(ServerStatus.of(VmState.ACTIVE, TaskState.SHELVING)).isEqualTo("ACTIVE");
    }
}
