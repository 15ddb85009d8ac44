package io.nubo.compute.shelve;

import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerActionExtension;
import io.nubo.compute.wire.Access;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.ComputePolicy;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code shelve}, {@code shelveOffload} and {@code unshelve} on {@code POST /servers/{id}/action}, each 202 with no
 * body. Below 2.77 (Nubo serves up to 2.21) Nova validates none of their bodies ({@code {"unshelve": null}} and
 * Tempest's {@code {"unshelve": {}}} alike; an availability zone in it is 2.77's and not read).
 */
@Component
class ShelveActions implements ServerActionExtension {

    private static final Map<String, ComputePolicy> POLICIES = Map.of("shelve", ComputePolicy.SERVER_SHELVE,
            "shelveOffload", ComputePolicy.SERVER_SHELVE_OFFLOAD, "unshelve", ComputePolicy.SERVER_UNSHELVE);

    private final Shelves shelves;
    private final Unshelves unshelves;
    private final Access access;

    ShelveActions(Shelves shelves, Unshelves unshelves, Access access) {
        this.shelves = shelves;
        this.unshelves = unshelves;
        this.access = access;
    }

    @Override
    public Set<String> actions() {
        return POLICIES.keySet();
    }

    @Override
    public ResponseEntity<Object> handle(Caller caller, Instance server, String action, JsonNode body) {
        access.check(POLICIES.get(action), caller, server.projectId());
        switch (action) {
            case "shelve" -> shelves.shelve(caller, server);
            case "shelveOffload" -> shelves.offload(caller, server);
            default -> unshelves.unshelve(caller, server);
        }
        return ResponseEntity.accepted().build();
    }
}
