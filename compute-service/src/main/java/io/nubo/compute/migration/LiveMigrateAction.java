package io.nubo.compute.migration;

import io.nubo.compute.error.ComputeError;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerActionExtension;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.RequestBody;
import io.nubo.shared.microversion.ApiVersion;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code os-migrateLive}: at 2.1 {@code host} (null: the scheduler chooses), {@code block_migration} and
 * {@code disk_over_commit}, both booleans; from 2.25 {@code disk_over_commit} is gone (additional properties are
 * refused) and {@code block_migration} may also be {@code "auto"}: a block migration unless the disks are shared;
 * from 2.30 {@code force} (a boolean, default false) with a named host bypasses the scheduler's filters (Nova's 400
 * "Can't force to a non-provided destination" without a host).
 */
@Component
class LiveMigrateAction implements ServerActionExtension {

    private static final Pattern HOST = Pattern.compile("^[a-zA-Z0-9-._]*$");

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
        return handle(caller, ApiVersion.parse("2.1"), server, action, inner);
    }

    @Override
    public ResponseEntity<Object> handle(Caller caller, ApiVersion version, Instance server, String action,
                                         JsonNode inner) {
        boolean v225 = version.atLeast("2.25");
        boolean v230 = version.atLeast("2.30");
        RequestBody b = RequestBody.wrapped(JsonNodeFactory.instance.objectNode().set(action, inner), action,
                v230 ? Set.of("host", "block_migration", "force")
                        : v225 ? Set.of("host", "block_migration")
                        : Set.of("host", "block_migration", "disk_over_commit"));
        if (!b.has("host")) {
            throw b.invalid("host", "None", "'host' is a required property");
        }
        String host = b.string("host", false, 1, 255, HOST);
        if (!b.has("block_migration")) {
            throw b.invalid("block_migration", "None", "'block_migration' is a required property");
        }
        Boolean block;
        JsonNode given = inner.get("block_migration");
        if (v225 && given.isString() && "auto".equals(given.asString())) {
            block = null;
        } else {
            if (v225 && !given.isBoolean()) {
                throw b.invalid("block_migration", given.toString(), given + " is not valid under any of the given"
                        + " schemas");
            }
            block = b.bool("block_migration");
        }
        if (v225) {
            boolean force = v230 && Boolean.TRUE.equals(b.bool("force"));
            if (force && host == null) {
                throw ComputeError.BAD_REQUEST.exception("Can't force to a non-provided destination");
            }
            migrations.start(caller, server.id(), new LiveMigrations.Request(host, block, false, force));
            return ResponseEntity.accepted().build();
        }
        Boolean overCommit = b.bool("disk_over_commit");
        if (block == null) {
            throw b.invalid("block_migration", "None", "'block_migration' is a required property");
        }
        if (overCommit == null) {
            throw b.invalid("disk_over_commit", "None", "'disk_over_commit' is a required property");
        }
        migrations.start(caller, server.id(), new LiveMigrations.Request(host, block, overCommit, false));
        return ResponseEntity.accepted().build();
    }
}
