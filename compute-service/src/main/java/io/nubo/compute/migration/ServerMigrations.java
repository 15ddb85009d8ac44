package io.nubo.compute.migration;

import io.nubo.compute.error.ComputeError;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerLifecycle;
import io.nubo.compute.server.ServerService;
import io.nubo.compute.server.state.TaskState;
import io.nubo.compute.server.state.VmState;
import io.nubo.compute.wire.Access;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.ComputePolicy;
import io.nubo.shared.events.compute.AbortLiveMigration;
import io.nubo.shared.events.compute.ForceCompleteLiveMigration;
import io.nubo.shared.outbox.EventPublisher;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A server's live migrations under way ({@code /servers/{id}/migrations}, Nova's {@code server_migrations.py} and
 * {@code compute/api.py}): 2.23's list and show of the in-progress ones, 2.22's force-complete and 2.24's abort of
 * a {@code running} one, each sent to the source's agent ({@link ForceCompleteLiveMigration},
 * {@link AbortLiveMigration}). An abort moves the migration to {@code cancelling}; the move's failed answer then
 * ends it {@code cancelled} ({@link MigrationReports}), the instance staying on the source.
 */
@Service
public class ServerMigrations {

    /** Nova's {@code MigrationList.get_in_progress_by_instance} (what is not done, failed or cancelled). */
    static final Set<MigrationStatus> IN_PROGRESS = EnumSet.of(MigrationStatus.QUEUED, MigrationStatus.PREPARING,
            MigrationStatus.RUNNING, MigrationStatus.CANCELLING);
    /** What {@code GET .../migrations/{id}} shows (Nova's list there: queued, preparing, running, post-migrating). */
    private static final Set<MigrationStatus> SHOWN = EnumSet.of(MigrationStatus.QUEUED, MigrationStatus.PREPARING,
            MigrationStatus.RUNNING);

    private final ServerService servers;
    private final ServerLifecycle lifecycle;
    private final MigrationStore store;
    private final Access access;
    private final EventPublisher publisher;
    private final Clock clock;

    ServerMigrations(ServerService servers, ServerLifecycle lifecycle, MigrationStore store, Access access,
                     EventPublisher publisher, Clock clock) {
        this.servers = servers;
        this.lifecycle = lifecycle;
        this.store = store;
        this.access = access;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** The server's live migrations in progress, newest first. */
    @Transactional(readOnly = true)
    public List<Migration> list(Caller caller, String serverId) {
        Instance i = servers.get(caller, serverId);
        access.check(ComputePolicy.SERVER_MIGRATIONS_INDEX, caller, i.projectId());
        return store.list(new MigrationStore.Filter(null, null, i.id(), MigrationType.LIVE_MIGRATION.wire(), null))
                .stream().filter(m -> IN_PROGRESS.contains(m.status())).toList();
    }

    /** One live migration in progress; Nova's 404s for an unknown one, another kind, or one that has ended. */
    @Transactional(readOnly = true)
    public Migration show(Caller caller, String serverId, String migrationId) {
        Instance i = servers.get(caller, serverId);
        access.check(ComputePolicy.SERVER_MIGRATIONS_SHOW, caller, i.projectId());
        Migration m = find(i, migrationId).orElseThrow(() -> ComputeError.NOT_FOUND.exception(
                "In-progress live migration " + migrationId + " is not found for server " + i.id() + "."));
        if (m.type() != MigrationType.LIVE_MIGRATION) {
            throw ComputeError.NOT_FOUND.exception("Migration " + migrationId + " for server " + i.id()
                    + " is not live-migration.");
        }
        if (!SHOWN.contains(m.status())) {
            throw ComputeError.NOT_FOUND.exception("Live migration " + migrationId + " for server " + i.id()
                    + " is not in progress.");
        }
        return m;
    }

    /**
     * 2.22: the source's agent pauses the guest so the copy converges. 409 unless the server is ACTIVE and
     * migrating (or locked); 400 for an unknown migration, or one that is not a running live migration.
     */
    @Transactional
    public void forceComplete(Caller caller, String serverId, String migrationId) {
        Instance i = servers.get(caller, serverId);
        access.check(ComputePolicy.SERVER_MIGRATIONS_FORCE_COMPLETE, caller, i.projectId());
        requireMigrating(i, caller, "force_complete", EnumSet.of(VmState.ACTIVE));
        Migration m = find(i, migrationId).orElseThrow(() -> ComputeError.BAD_REQUEST.exception(
                notFound(migrationId, i)));
        requireRunningLive(m, i, "force complete", ComputeError.BAD_REQUEST);
        lifecycle.recordDone(i, "live_migration_force_complete", caller);
        publisher.publish(new ForceCompleteLiveMigration(i.id(), m.sourceCompute(), m.actionId()), i.id(),
                i.projectId());
    }

    /**
     * 2.24: the source's agent aborts libvirt's job; the migration is {@code cancelling} until the move's answer.
     * 409 unless the server is migrating (or locked); 404 for an unknown migration; 400 for one that is not a
     * running live migration (Nova's {@code InvalidMigrationState}).
     */
    @Transactional
    public void abort(Caller caller, String serverId, String migrationId) {
        Instance i = servers.get(caller, serverId);
        access.check(ComputePolicy.SERVER_MIGRATIONS_DELETE, caller, i.projectId());
        requireMigrating(i, caller, "abort live migration", EnumSet.allOf(VmState.class));
        Migration m = find(i, migrationId).orElseThrow(() -> ComputeError.NOT_FOUND.exception(
                notFound(migrationId, i)));
        requireRunningLive(m, i, "abort live migration", ComputeError.BAD_REQUEST);
        if (!store.transition(m.id(), MigrationStatus.CANCELLING, null, clock.instant())) {
            throw ComputeError.BAD_REQUEST.exception(invalidState(m, i, "abort live migration"));
        }
        lifecycle.recordDone(i, "live_migration_cancel", caller);
        publisher.publish(new AbortLiveMigration(i.id(), m.sourceCompute(), m.actionId()), i.id(), i.projectId());
    }

    private void requireMigrating(Instance i, Caller caller, String what, Set<VmState> vmStates) {
        if (i.locked() && !caller.admin()) {
            throw ComputeError.LOCKED.exception(i.id());
        }
        if (i.taskState() != TaskState.MIGRATING || !vmStates.contains(i.vmState())) {
            String attr = i.taskState() != TaskState.MIGRATING ? "task_state" : "vm_state";
            String state = i.taskState() != TaskState.MIGRATING
                    ? (i.taskState() == null ? "None" : i.taskState().wire()) : i.vmState().wire();
            throw ComputeError.INVALID_STATE.exception(what, i.id(), attr, state);
        }
    }

    private static void requireRunningLive(Migration m, Instance i, String method, ComputeError error) {
        if (m.type() != MigrationType.LIVE_MIGRATION || m.status() != MigrationStatus.RUNNING
                || m.actionId() == null || !m.actionId().equals(i.taskActionId())) {
            throw error.exception(invalidState(m, i, method));
        }
    }

    private static String invalidState(Migration m, Instance i, String method) {
        return "Migration " + m.id() + " state of instance " + i.id() + " is " + m.status().wire() + ". Cannot "
                + method + " while the migration is in this state.";
    }

    private static String notFound(String migrationId, Instance i) {
        return "Migration " + migrationId + " not found for instance " + i.id();
    }

    private Optional<Migration> find(Instance i, String migrationId) {
        if (migrationId == null || !migrationId.matches("[0-9]{1,18}")) {
            return Optional.empty();
        }
        long id = Long.parseLong(migrationId);
        return store.list(new MigrationStore.Filter(null, null, i.id(), null, null)).stream()
                .filter(m -> m.id() == id).findFirst();
    }
}
