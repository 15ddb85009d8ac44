package io.nubo.compute.migration;

import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerActionExtension;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.RequestBody;
import java.util.Set;
import org.springframework.stereotype.Component;

/** {@code os-migrateLive} at 2.1: {@code host} (null: the scheduler chooses), {@code block_migration}, {@code disk_over_commit}. */
@Component
class LiveMigrateAction implements ServerActionExtension {

    private static final java.util.regex.Pattern HOST = java.util.regex.Pattern.compile("^[a-zA-Z0-9-._]*$");

    private final LiveMigrations migrations;

    LiveMigrateAction(LiveMigrations migrations) {
        this.migrations = migrations;
    }

    @Override
    public Set<String> actions() {
        return Set.of("os-migrateLive");
    }

    @Override
    public ResponseEntity<Object> handle(Caller caller, Instance server, String action, JsonNode inner) {
        tools.jackson.databind.node.ObjectNode body = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        body.set(action, inner);
        RequestBody b = RequestBody.wrapped(body, action, Set.of("host", "block_migration", "disk_over_commit"));
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
        migrations.start(caller, server.id(), new LiveMigrations.Request(host, block, overCommit));
        return ResponseEntity.accepted().build();
    }
}
