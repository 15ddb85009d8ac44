package io.nubo.compute.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.shared.events.compute.PowerState;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The state machine as data: Nova's status table, and which operation may start from which state. */
class ServerStateMachineTest {

    @Test
    void statusIsDerivedByNovasTable() {
        assertThat(ServerStatus.of(VmState.BUILDING, TaskState.SPAWNING)).isEqualTo("BUILD");
        assertThat(ServerStatus.of(VmState.ACTIVE, null)).isEqualTo("ACTIVE");
        assertThat(ServerStatus.of(VmState.ACTIVE, TaskState.REBOOTING)).isEqualTo("REBOOT");
        assertThat(ServerStatus.of(VmState.ACTIVE, TaskState.REBOOTING_HARD)).isEqualTo("HARD_REBOOT");
        assertThat(ServerStatus.of(VmState.ACTIVE, TaskState.REBUILDING)).isEqualTo("REBUILD");
        // a task without its own status shows the stable state's
        assertThat(ServerStatus.of(VmState.ACTIVE, TaskState.POWERING_OFF)).isEqualTo("ACTIVE");
        assertThat(ServerStatus.of(VmState.ACTIVE, TaskState.DELETING)).isEqualTo("ACTIVE");
        assertThat(ServerStatus.of(VmState.STOPPED, null)).isEqualTo("SHUTOFF");
        assertThat(ServerStatus.of(VmState.PAUSED, null)).isEqualTo("PAUSED");
        assertThat(ServerStatus.of(VmState.SUSPENDED, null)).isEqualTo("SUSPENDED");
        assertThat(ServerStatus.of(VmState.ERROR, null)).isEqualTo("ERROR");
        assertThat(ServerStatus.of(VmState.DELETED, null)).isEqualTo("DELETED");
        for (VmState vm : VmState.values()) {
            for (TaskState t : TaskState.values()) {
                assertThat(ServerStatus.of(vm, t)).as(vm + "/" + t).isNotBlank();
            }
        }
        assertThat(ServerStatus.showsProgress("BUILD")).isTrue();
        assertThat(ServerStatus.showsProgress("SHUTOFF")).isFalse();
    }

    @Test
    void everyOperationStartsOnlyFromItsStatesWithNoTaskInFlight() {
        assertThat(ServerOperation.START.allowedFrom(VmState.STOPPED, null)).isTrue();
        assertThat(ServerOperation.START.allowedFrom(VmState.ACTIVE, null)).isFalse();
        assertThat(ServerOperation.STOP.allowedFrom(VmState.ACTIVE, null)).isTrue();
        assertThat(ServerOperation.STOP.allowedFrom(VmState.ERROR, null)).isTrue();
        assertThat(ServerOperation.STOP.allowedFrom(VmState.ACTIVE, TaskState.REBOOTING)).isFalse();
        assertThat(ServerOperation.REBOOT_SOFT.allowedFrom(VmState.STOPPED, null)).isFalse();
        assertThat(ServerOperation.REBOOT_HARD.allowedFrom(VmState.STOPPED, null)).isTrue();
        assertThat(ServerOperation.PAUSE.allowedFrom(VmState.ACTIVE, null)).isTrue();
        assertThat(ServerOperation.UNPAUSE.allowedFrom(VmState.PAUSED, null)).isTrue();
        assertThat(ServerOperation.SUSPEND.allowedFrom(VmState.PAUSED, null)).isFalse();
        assertThat(ServerOperation.RESUME.allowedFrom(VmState.SUSPENDED, null)).isTrue();
        assertThat(ServerOperation.SNAPSHOT.allowedFrom(VmState.STOPPED, null)).isTrue();
        assertThat(ServerOperation.SNAPSHOT.allowedFrom(VmState.BUILDING, null)).isFalse();
        // delete interrupts any task but another delete
        assertThat(ServerOperation.DELETE.allowedFrom(VmState.BUILDING, TaskState.SPAWNING)).isTrue();
        assertThat(ServerOperation.DELETE.allowedFrom(VmState.ERROR, null)).isTrue();
        assertThat(ServerOperation.DELETE.allowedFrom(VmState.ACTIVE, TaskState.DELETING)).isFalse();
        for (ServerOperation op : ServerOperation.values()) {
            for (VmState vm : EnumSet.complementOf(EnumSet.copyOf(op.from()))) {
                assertThat(op.allowedFrom(vm, null)).as(op + " from " + vm).isFalse();
            }
            assertThat(ServerOperation.ofReport(op.operation())).isEqualTo(op);
        }
    }

    @Test
    void successLeadsWhereNovaLeadsAndOnlySpawnAndEvacuateFailIntoError() {
        assertThat(ServerOperation.SPAWN.onSuccess()).isEqualTo(VmState.ACTIVE);
        assertThat(ServerOperation.STOP.onSuccess()).isEqualTo(VmState.STOPPED);
        assertThat(ServerOperation.PAUSE.onSuccess()).isEqualTo(VmState.PAUSED);
        assertThat(ServerOperation.SUSPEND.onSuccess()).isEqualTo(VmState.SUSPENDED);
        assertThat(ServerOperation.SNAPSHOT.onSuccess()).isNull();
        // Nova's rebuild ends where it started for a stopped server, else active
        assertThat(ServerOperation.REBUILD.onSuccess(VmState.STOPPED)).isEqualTo(VmState.STOPPED);
        assertThat(ServerOperation.REBUILD.powerOnSuccess(VmState.STOPPED)).isEqualTo(PowerState.SHUTDOWN);
        assertThat(ServerOperation.REBUILD.onSuccess(VmState.ACTIVE)).isEqualTo(VmState.ACTIVE);
        assertThat(ServerOperation.REBUILD.onSuccess(VmState.ERROR)).isEqualTo(VmState.ACTIVE);
        assertThat(ServerOperation.STOP.onSuccess(VmState.ACTIVE)).isEqualTo(VmState.STOPPED);
        assertThat(ServerOperation.SPAWN.revertOnFailure()).isFalse();
        // an evacuation that fails on its new host leaves the server in ERROR there, as Nova's does
        assertThat(ServerOperation.EVACUATE.revertOnFailure()).isFalse();
        for (ServerOperation op : ServerOperation.values()) {
            if (op != ServerOperation.SPAWN && op != ServerOperation.EVACUATE) {
                assertThat(op.revertOnFailure()).as(op.name()).isTrue();
            }
        }
    }

    @Test
    void taskStatesAreSpelledAsNovaSpellsThem() {
        assertThat(TaskState.POWERING_OFF.wire()).isEqualTo("powering-off");
        assertThat(TaskState.POWERING_ON.wire()).isEqualTo("powering-on");
        assertThat(TaskState.IMAGE_SNAPSHOT.wire()).isEqualTo("image_snapshot");
        assertThat(TaskState.REBOOTING_HARD.wire()).isEqualTo("rebooting_hard");
        for (TaskState t : TaskState.values()) {
            assertThat(TaskState.ofWire(t.wire())).isEqualTo(t);
        }
        assertThat(TaskState.ofWire("powering_off")).as("a row stored before the fix").isEqualTo(TaskState.POWERING_OFF);
    }
}
