package io.nubo.compute.migration;

import io.nubo.compute.server.Instance;
import io.nubo.compute.wire.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code evacuation} rows of the migrations table, for the evacuate feature: Nova's tombstone that tells the
 * source host, once it is back, which of its guests were rebuilt elsewhere. Status changes are the store's
 * compare-and-swap on {@link MigrationStatus}'s table.
 */
@Service
public class EvacuationRecords {

    private final MigrationStore store;
    private final Clock clock;

    EvacuationRecords(MigrationStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Records an evacuation {@code accepted} from the instance's host to {@code dest} (null when no host was found),
     * with what the destination holds for it; returns the row.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Migration accepted(Instance i, String dest, String actionId, long localGb, Caller caller) {
        Instant now = clock.instant();
        Migration m = new Migration(0, UUID.randomUUID().toString(), i.id(), MigrationType.EVACUATION,
                MigrationStatus.ACCEPTED, i.host(), i.host(), dest, dest, null, i.flavor().id(), i.flavor().id(),
                actionId, i.flavor().vcpus(), i.flavor().ramMb(), localGb, false, null, null, null, null, null, null,
                null, caller.userId(), caller.projectId(), now, now);
        store.insert(m);
        return store.byUuid(m.uuid()).orElseThrow();
    }

    /** The evacuation the instance's task {@code actionId} carries out. */
    public Optional<Migration> ofAction(String instanceId, String actionId) {
        return store.byAction(instanceId, actionId).filter(m -> m.type() == MigrationType.EVACUATION);
    }

    public Optional<Migration> byUuid(String uuid) {
        return store.byUuid(uuid).filter(m -> m.type() == MigrationType.EVACUATION);
    }

    /** The instance's evacuations away from {@code source}, newest first. */
    public List<Migration> from(String source, String instanceId) {
        return store.list(new MigrationStore.Filter(null, null, instanceId, MigrationType.EVACUATION.wire(), source));
    }

    /** Every evacuation that has not ended (accepted, pre-migrating, or done with its source not back yet). */
    public List<Migration> unfinished() {
        return store.unfinished().stream().filter(m -> m.type() == MigrationType.EVACUATION).toList();
    }

    /** Moves the row to {@code to} if its status allows it; true for the one caller that did. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean transition(Migration m, MigrationStatus to, String error) {
        return store.transition(m.id(), to, error, clock.instant());
    }
}
