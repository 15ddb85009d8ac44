package io.nubo.compute.migration;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.compute.error.ComputeError;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.WireTime;
import io.nubo.shared.microversion.Microversions;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v2.1/servers/{server_id}/migrations}: 2.22's {@code force_complete} action, 2.23's list and show of the
 * server's live migrations in progress (Nova's fields, libvirt's figures as the source's agent reports them), 2.24's
 * abort ({@link ServerMigrations}). 2.59's {@code uuid} and 2.80's {@code user_id}/{@code project_id} come with those
 * microversions.
 */
@RestController
class ServerMigrationController {

    record View(@JsonProperty("created_at") String createdAt, @JsonProperty("dest_compute") String destCompute,
                @JsonProperty("dest_host") String destHost, @JsonProperty("dest_node") String destNode,
                @JsonProperty("disk_processed_bytes") Long diskProcessed,
                @JsonProperty("disk_remaining_bytes") Long diskRemaining,
                @JsonProperty("disk_total_bytes") Long diskTotal, @JsonProperty("id") long id,
                @JsonProperty("memory_processed_bytes") Long memoryProcessed,
                @JsonProperty("memory_remaining_bytes") Long memoryRemaining,
                @JsonProperty("memory_total_bytes") Long memoryTotal,
                @JsonProperty("server_uuid") String serverUuid, @JsonProperty("source_compute") String sourceCompute,
                @JsonProperty("source_node") String sourceNode, @JsonProperty("status") String status,
                @JsonProperty("updated_at") String updatedAt) {

        static View of(Migration m) {
            return new View(WireTime.micros(m.createdAt()), m.destCompute(), m.destHost(), m.destNode(),
                    m.diskProcessed(), m.diskRemaining(), m.diskTotal(), m.id(), m.memoryProcessed(),
                    m.memoryRemaining(), m.memoryTotal(), m.instanceUuid(), m.sourceCompute(), m.sourceNode(),
                    m.status().wire(), WireTime.micros(m.updatedAt()));
        }
    }

    record Migrations(@JsonProperty("migrations") List<View> migrations) {
    }

    record One(@JsonProperty("migration") View migration) {
    }

    private final ServerMigrations migrations;

    ServerMigrationController(ServerMigrations migrations) {
        this.migrations = migrations;
    }

    @Microversions(min = "2.22")
    @PostMapping("/v2.1/servers/{serverId}/migrations/{id}/action")
    ResponseEntity<Void> action(Caller caller, @PathVariable String serverId, @PathVariable String id,
                                @RequestBody(required = false) JsonNode body) {
        io.nubo.compute.wire.RequestBody b = io.nubo.compute.wire.RequestBody.of(body).only(Set.of("force_complete"));
        if (!b.has("force_complete")) {
            throw b.invalid("force_complete", "None", "'force_complete' is a required property");
        }
        if (!body.get("force_complete").isNull()) {
            throw b.invalid("force_complete", body.get("force_complete").toString(),
                    body.get("force_complete") + " is not of type 'null'");
        }
        migrations.forceComplete(caller, serverId, id);
        return ResponseEntity.accepted().build();
    }

    @Microversions(min = "2.23")
    @GetMapping("/v2.1/servers/{serverId}/migrations")
    Migrations list(Caller caller, @PathVariable String serverId) {
        return new Migrations(migrations.list(caller, serverId).stream().map(View::of).toList());
    }

    @Microversions(min = "2.23")
    @GetMapping("/v2.1/servers/{serverId}/migrations/{id}")
    One show(Caller caller, @PathVariable String serverId, @PathVariable String id) {
        return new One(View.of(migrations.show(caller, serverId, id)));
    }

    @Microversions(min = "2.24")
    @DeleteMapping("/v2.1/servers/{serverId}/migrations/{id}")
    ResponseEntity<Void> abort(Caller caller, @PathVariable String serverId, @PathVariable String id) {
        migrations.abort(caller, serverId, id);
        return ResponseEntity.accepted().build();
    }
}
