package io.nubo.compute.migration;

import io.nubo.compute.server.ServerActionHandler;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.RequestBody;
import java.util.Set;
import org.springframework.stereotype.Component;

/** {@code os-migrateLive} at 2.1: {@code host} (null: the scheduler chooses), {@code block_migration}, {@code disk_over_commit}. */
@Component
class LiveMigrateAction implements ServerActionHandler {

    private static final java.util.regex.Pattern HOST = java.util.regex.Pattern.compile("^[a-zA-Z0-9-._]*$");

    private final LiveMigrations migrations;

    LiveMigrateAction(LiveMigrations migrations) {
        this.migrations = migrations;
    }

    @Override
    public String action() {
        return "os-migrateLive";
    }

    @Override
    public void handle(Caller caller, String serverId, RequestBody body) {
        RequestBody b = body.object("os-migrateLive", Set.of("host", "block_migration", "disk_over_commit"));
        if (!b.has("host")) {
            throw b.invalid("host", "None", "'host' is a required property");
        }
        String host = b.string("host", false, 1, 255, HOST);
        Boolean block = b.bool("block_migration");
        Boolean overCommit = b.bool("disk_over_commit");
        if (block == null) {
            throw b.invalid("block_migration", "None", "'block_migration' is a required property");
        }
        if (overCommit == null) {
            throw b.invalid("disk_over_commit", "None", "'disk_over_commit' is a required property");
        }
        migrations.start(caller, serverId, new LiveMigrations.Request(host, block, overCommit));
    }
}
