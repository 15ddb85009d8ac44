package io.nubo.compute.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The migration status table: what each status may be reached from, and that nothing leaves an end but error. */
class MigrationStatusTest {

    @Test
    void aLiveMigrationGoesQueuedPreparingRunningCompleted() {
        assertThat(MigrationStatus.PREPARING.allowedFrom(MigrationStatus.QUEUED)).isTrue();
        assertThat(MigrationStatus.RUNNING.allowedFrom(MigrationStatus.PREPARING)).isTrue();
        assertThat(MigrationStatus.RUNNING.allowedFrom(MigrationStatus.QUEUED)).isTrue();
        assertThat(MigrationStatus.COMPLETED.allowedFrom(MigrationStatus.RUNNING)).isTrue();
        assertThat(MigrationStatus.PREPARING.allowedFrom(MigrationStatus.RUNNING)).as("never backwards").isFalse();
    }

    @Test
    void failedIsBeforeAnythingMovedAndErrorAfter() {
        assertThat(MigrationStatus.FAILED.from()).containsExactlyInAnyOrder(MigrationStatus.QUEUED,
                MigrationStatus.PREPARING, MigrationStatus.PRE_MIGRATING);
        assertThat(MigrationStatus.ERROR.allowedFrom(MigrationStatus.RUNNING)).isTrue();
        assertThat(MigrationStatus.CANCELLED.from()).containsExactly(MigrationStatus.CANCELLING);
    }

    @Test
    void endsAreFinalExceptThatALateSuccessCompletesAnError() {
        for (MigrationStatus to : MigrationStatus.values()) {
            for (MigrationStatus end : EnumSet.of(MigrationStatus.COMPLETED, MigrationStatus.FAILED,
                    MigrationStatus.CANCELLED, MigrationStatus.CONFIRMED, MigrationStatus.REVERTED)) {
                assertThat(to.allowedFrom(end)).as(end + " -> " + to).isFalse();
            }
            assertThat(to.allowedFrom(MigrationStatus.ERROR)).as("error -> " + to)
                    .isEqualTo(to == MigrationStatus.COMPLETED);
        }
        assertThat(MigrationStatus.QUEUED.from()).isEmpty();
        assertThat(EnumSet.allOf(MigrationStatus.class).stream().filter(MigrationStatus::isFinal))
                .containsExactlyInAnyOrder(MigrationStatus.COMPLETED, MigrationStatus.FAILED, MigrationStatus.ERROR,
                        MigrationStatus.CANCELLED, MigrationStatus.CONFIRMED, MigrationStatus.REVERTED);
    }

    @Test
    void aResizeGoesQueuedFinishedThenConfirmedOrReverted() {
        assertThat(MigrationStatus.FINISHED.allowedFrom(MigrationStatus.QUEUED)).isTrue();
        assertThat(MigrationStatus.CONFIRMED.allowedFrom(MigrationStatus.FINISHED)).isTrue();
        assertThat(MigrationStatus.REVERTED.allowedFrom(MigrationStatus.FINISHED)).isTrue();
        assertThat(MigrationStatus.FINISHED.isFinal()).as("waiting for confirm or revert").isFalse();
    }

    @Test
    void anEvacuationGoesAcceptedPreMigratingDoneThenCompletedWhenItsSourceCleanedUp() {
        assertThat(MigrationStatus.ACCEPTED.from()).isEmpty();
        assertThat(MigrationStatus.PRE_MIGRATING.from()).containsExactly(MigrationStatus.ACCEPTED);
        assertThat(MigrationStatus.DONE.from()).containsExactly(MigrationStatus.PRE_MIGRATING);
        assertThat(MigrationStatus.ERROR.allowedFrom(MigrationStatus.ACCEPTED)).as("no valid host").isTrue();
        assertThat(MigrationStatus.FAILED.allowedFrom(MigrationStatus.PRE_MIGRATING)).as("spawn failed").isTrue();
        assertThat(MigrationStatus.FAILED.allowedFrom(MigrationStatus.DONE)).isFalse();
        for (MigrationStatus s : new MigrationStatus[] {MigrationStatus.ACCEPTED, MigrationStatus.PRE_MIGRATING,
                MigrationStatus.DONE}) {
            assertThat(MigrationStatus.COMPLETED.allowedFrom(s)).as("the source came back: " + s).isTrue();
            assertThat(s.isFinal()).as(s + " waits for the source").isFalse();
        }
        assertThat(MigrationStatus.PRE_MIGRATING.wire()).isEqualTo("pre-migrating");
        assertThat(MigrationStatus.ofWire("pre-migrating")).isEqualTo(MigrationStatus.PRE_MIGRATING);
    }

    @Test
    void aColdMigrationGoesAsNovasThroughItsStepsAndItsConfirmOrRevert() {
        assertThat(MigrationStatus.PRE_MIGRATING.wire()).isEqualTo("pre-migrating");
        assertThat(MigrationStatus.ofWire("post-migrating")).isEqualTo(MigrationStatus.POST_MIGRATING);
        assertThat(MigrationStatus.PRE_MIGRATING.from()).as("where it starts (only an evacuation reaches it, from accepted)")
                .containsExactly(MigrationStatus.ACCEPTED);
        assertThat(MigrationStatus.MIGRATING.from()).containsExactly(MigrationStatus.PRE_MIGRATING);
        assertThat(MigrationStatus.POST_MIGRATING.from()).containsExactly(MigrationStatus.MIGRATING);
        assertThat(MigrationStatus.FINISHED.allowedFrom(MigrationStatus.POST_MIGRATING)).isTrue();
        assertThat(MigrationStatus.FINISHED.allowedFrom(MigrationStatus.MIGRATING)).as("no step skipped").isFalse();
        for (MigrationStatus step : EnumSet.of(MigrationStatus.PRE_MIGRATING, MigrationStatus.MIGRATING,
                MigrationStatus.POST_MIGRATING)) {
            assertThat(MigrationStatus.ERROR.allowedFrom(step)).as(step + " -> error").isTrue();
        }
        assertThat(MigrationStatus.ERROR.allowedFrom(MigrationStatus.FINISHED)).as("finished is on the target")
                .isFalse();
        assertThat(MigrationStatus.CONFIRMED.allowedFrom(MigrationStatus.CONFIRMING)).isTrue();
        assertThat(MigrationStatus.REVERTED.allowedFrom(MigrationStatus.REVERTING)).isTrue();
        assertThat(MigrationStatus.FINISHED.allowedFrom(MigrationStatus.CONFIRMING)).as("a failed confirm").isTrue();
        assertThat(MigrationStatus.REVERTED.allowedFrom(MigrationStatus.CONFIRMING)).isFalse();
    }

    @Test
    void wireNamesAreNovas() {
        assertThat(MigrationStatus.ofWire("completed")).isEqualTo(MigrationStatus.COMPLETED);
        assertThat(MigrationType.LIVE_MIGRATION.wire()).isEqualTo("live-migration");
        assertThat(MigrationType.ofWire("evacuation")).contains(MigrationType.EVACUATION);
    }
}
