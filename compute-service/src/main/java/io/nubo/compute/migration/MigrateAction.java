package io.nubo.compute.migration;

import io.nubo.compute.error.ComputeError;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerActionExtension;
import io.nubo.compute.wire.Caller;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code migrate} (cold migration) at 2.1: the body is null or an object, whose properties 2.1 ignores as Nova's
 * schema does ({@code host} is 2.56's, not served: the scheduler always chooses). 202 with no body.
 */
@Component
class MigrateAction implements ServerActionExtension {

    private final ColdMigrations migrations;

    MigrateAction(ColdMigrations migrations) {
        this.migrations = migrations;
    }

    @Override
    public Set<String> actions() {
        return Set.of("migrate");
    }

    @Override
    public ResponseEntity<Object> handle(Caller caller, Instance server, String action, JsonNode inner) {
        if (inner != null && !inner.isNull() && !inner.isObject()) {
            throw ComputeError.INVALID_INPUT.exception("migrate", inner.toString(), inner + " is not of type"
                    + " 'object', 'null'");
        }
        migrations.start(caller, server.id());
        return ResponseEntity.accepted().build();
    }
}
