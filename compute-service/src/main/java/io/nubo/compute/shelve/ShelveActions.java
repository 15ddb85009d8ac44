package io.nubo.compute.shelve;

import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerActionExtension;
import io.nubo.compute.wire.Caller;
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

    private final Shelves shelves;
    private final Unshelves unshelves;

    ShelveActions(Shelves shelves, Unshelves unshelves) {
        this.shelves = shelves;
        this.unshelves = unshelves;
    }

    @Override
    public Set<String> actions() {
        return Set.of("shelve", "shelveOffload", "unshelve");
    }

    @Override
    public ResponseEntity<Object> handle(Caller caller, Instance server, String action, JsonNode body) {
        switch (action) {
            case "shelve" -> shelves.shelve(caller, server);
            case "shelveOffload" -> shelves.offload(caller, server);
            default -> unshelves.unshelve(caller, server);
        }
        return ResponseEntity.accepted().build();
    }
}
