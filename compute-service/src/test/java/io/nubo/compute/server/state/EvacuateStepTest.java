package io.nubo.compute.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.shared.events.compute.InstanceReport;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Evacuate as a table: Nova's guards and task states, and where the destination's spawn leads. */
class EvacuateStepTest {

    private static InstanceReport report(String operation) {
        return new InstanceReport("i", "h", "a", operation, InstanceReport.Outcome.SUCCEEDED, null, null, null,
                Instant.now());
    }

    @Test
    void evacuateStartsFromActiveStoppedOrErrorWithNoTaskAndFailsIntoError() {
        for (VmState vm : VmState.values()) {
            boolean allowed = vm == VmState.ACTIVE || vm == VmState.STOPPED || vm == VmState.ERROR;
            assertThat(ServerOperation.EVACUATE.allowedFrom(vm, null)).as(vm.name()).isEqualTo(allowed);
            assertThat(ServerOperation.EVACUATE.allowedFrom(vm, TaskState.REBOOTING)).isFalse();
        }
        assertThat(ServerOperation.EVACUATE.task()).isEqualTo(TaskState.REBUILDING);
        assertThat(ServerOperation.EVACUATE.action()).isEqualTo("evacuate");
        assertThat(ServerOperation.EVACUATE.revertOnFailure()).as("Nova: ERROR").isFalse();
        assertThat(ServerOperation.ofTask(TaskState.REBUILD_SPAWNING)).isEqualTo(ServerOperation.EVACUATE);
        assertThat(TaskState.REBUILD_SPAWNING.wire()).isEqualTo("rebuild_spawning");
    }

    @Test
    void theSpawnEndsItActiveOrSendsTheStopOfAStoppedServer() {
        assertThat(EvacuateStep.of(TaskState.REBUILD_SPAWNING, VmState.ACTIVE, report("spawn")))
                .isEqualTo(EvacuateStep.SPAWNED);
        assertThat(EvacuateStep.of(TaskState.REBUILD_SPAWNING, VmState.ERROR, report("spawn")))
                .isEqualTo(EvacuateStep.SPAWNED);
        assertThat(EvacuateStep.SPAWNED.then()).isEqualTo(EvacuateStep.Then.ACTIVE);
        assertThat(EvacuateStep.SPAWNED.next()).isNull();
        EvacuateStep stopped = EvacuateStep.of(TaskState.REBUILD_SPAWNING, VmState.STOPPED, report("spawn"));
        assertThat(stopped).isEqualTo(EvacuateStep.SPAWNED_STOPPED);
        assertThat(stopped.next()).isEqualTo(TaskState.POWERING_OFF);
        assertThat(stopped.then()).isEqualTo(EvacuateStep.Then.POWER_OFF);
        // another task's spawn (a boot's, an unshelve's), or another report, is none of the evacuation's
        assertThat(EvacuateStep.of(TaskState.SPAWNING, VmState.BUILDING, report("spawn"))).isNull();
        assertThat(EvacuateStep.of(TaskState.UNSHELVING, VmState.SHELVED_OFFLOADED, report("spawn"))).isNull();
        assertThat(EvacuateStep.of(TaskState.REBUILD_SPAWNING, VmState.ACTIVE, report("rebuild"))).isNull();
        assertThat(EvacuateStep.owns(TaskState.REBUILD_SPAWNING)).isTrue();
        assertThat(EvacuateStep.owns(TaskState.POWERING_OFF)).as("the stop is any stop's").isFalse();
        assertThat(EvacuateStep.owns(null)).isFalse();
    }
}
