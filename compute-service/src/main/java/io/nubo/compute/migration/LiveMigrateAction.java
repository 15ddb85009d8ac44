package io.nubo.compute.migration;

import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerActionExtension;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.RequestBody;
import java.util.Set;
import io.nubo.compute.config.ComputeApiVersions;
import io.nubo.shared.microversion.ApiVersion;
import io.nubo.shared.microversion.MicroversionFilter;
import org.springframework.stereotype.Component;

/**
 * {@code os-migrateLive}: at 2.1 {@code host} (null: the scheduler chooses), {@code block_migration} and
 * {@code disk_over_commit}, both booleans; from 2.25 {@code disk_over_commit} is gone (additional properties are
 * refused) and {@code block_migration} may also be {@code "auto"}: a block migration unless the disks are shared.
 */
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
        boolean v225 = version().atLeast("2.25");
        RequestBody b = RequestBody.wrapped(body, action, v225 ? Set.of("host", "block_migration")
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
            migrations.start(caller, server.id(), new LiveMigrations.Request(host, block, false));
            return ResponseEntity.accepted().build();
        }
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

    private static ApiVersion version() {
        var attributes = (org.springframework.web.context.request.ServletRequestAttributes)
                org.springframework.web.context.request.RequestContextHolder.currentRequestAttributes();
        ApiVersion v = MicroversionFilter.requested(attributes.getRequest());
        return v == null ? ApiVersion.parse(ComputeApiVersions.MIN) : v;
    }
}
