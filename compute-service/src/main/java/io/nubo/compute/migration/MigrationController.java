package io.nubo.compute.migration;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.compute.wire.Access;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.ComputePolicy;
import io.nubo.compute.wire.Links;
import io.nubo.compute.wire.WireTime;
import io.nubo.shared.api.Link;
import io.nubo.shared.microversion.ApiVersion;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v2.1/os-migrations} (admins), Nova's shape and filters at 2.1 ({@code host} matches the source or
 * the destination, {@code status}, {@code instance_uuid}, {@code migration_type}, {@code source_compute}; unknown
 * query parameters are ignored, as Nova's 2.1 schema allows them). {@code migration_type} and the links of an
 * in-progress live migration are 2.23's and only shown from there; 2.59's {@code uuid} and paging and 2.80's
 * {@code user_id}/{@code project_id} come with those microversions.
 */
@RestController
class MigrationController {

    record View(@JsonProperty("id") long id, @JsonProperty("status") String status,
                @JsonProperty("instance_uuid") String instanceUuid,
                @JsonProperty("source_compute") String sourceCompute,
                @JsonProperty("source_node") String sourceNode, @JsonProperty("dest_compute") String destCompute,
                @JsonProperty("dest_node") String destNode, @JsonProperty("dest_host") String destHost,
                @JsonProperty("old_instance_type_id") Integer oldInstanceTypeId,
                @JsonProperty("new_instance_type_id") Integer newInstanceTypeId,
                @JsonProperty("created_at") String createdAt, @JsonProperty("updated_at") String updatedAt,
                @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("migration_type") String migrationType,
                @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("links") List<Link> links) {
    }

    record Migrations(@JsonProperty("migrations") List<View> migrations) {
    }

    private final Access access;
    private final MigrationStore store;

    MigrationController(Access access, MigrationStore store) {
        this.access = access;
        this.store = store;
    }

    @GetMapping("/v2.1/os-migrations")
    Migrations list(Caller caller, ApiVersion version, @RequestParam(required = false) String host,
                    @RequestParam(required = false) String status,
                    @RequestParam(name = "instance_uuid", required = false) String instanceUuid,
                    @RequestParam(name = "migration_type", required = false) String migrationType,
                    @RequestParam(name = "source_compute", required = false) String sourceCompute) {
        access.check(ComputePolicy.MIGRATIONS, caller);
        List<Migration> all = store.list(new MigrationStore.Filter(host, status, instanceUuid, migrationType,
                sourceCompute));
        boolean v223 = version.atLeast("2.23");
        return new Migrations(all.stream().map(m -> view(m, v223)).toList());
    }

    static View view(Migration m, boolean v223) {
        List<Link> links = v223 && m.type() == MigrationType.LIVE_MIGRATION && !m.status().isFinal()
                ? Links.of("servers/" + m.instanceUuid() + "/migrations", Long.toString(m.id())) : null;
        return new View(m.id(), m.status().wire(), m.instanceUuid(), m.sourceCompute(), m.sourceNode(),
                m.destCompute(), m.destNode(), m.destHost(), flavorId(m.oldFlavorId()), flavorId(m.newFlavorId()),
                WireTime.micros(m.createdAt()), WireTime.micros(m.updatedAt()), v223 ? m.type().wire() : null,
                links);
    }

    /** Nova shows its flavors' internal integer ids; Nubo's flavor ids are strings, so only numeric ones show. */
    private static Integer flavorId(String id) {
        if (id == null || !id.matches("[0-9]{1,9}")) {
            return null;
        }
        return Integer.valueOf(id);
    }
}
