package io.nubo.compute.migration;

import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerActionExtension;
import io.nubo.compute.server.ServerService;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.RequestBody;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code resize} ({@code flavorRef}, a flavor id, also as a number or a link; {@code OS-DCF:diskConfig}),
 * {@code confirmResize} and {@code revertResize} (any body; 204 and 202 as Nova), as Nova's schemas read them.
 */
@Component
class ResizeAction implements ServerActionExtension {

    private final Resizes resizes;
    private final ServerService servers;
    private final ColdMigrations cold;

    ResizeAction(Resizes resizes, ServerService servers, ColdMigrations cold) {
        this.resizes = resizes;
        this.servers = servers;
        this.cold = cold;
    }

    @Override
    public Set<String> actions() {
        return Set.of("resize", "confirmResize", "revertResize");
    }

    @Override
    public ResponseEntity<Object> handle(Caller caller, Instance server, String action, JsonNode inner) {
        // a cold migration waits for its confirm or revert as a resize does (Nova's migration row of either type)
        java.util.Optional<Migration> migrated = action.equals("resize") ? java.util.Optional.empty()
                : cold.waiting(server.id());
        if (migrated.isPresent()) {
            if (action.equals("confirmResize")) {
                cold.confirm(caller, server, migrated.get());
                return ResponseEntity.noContent().build();
            }
            cold.revert(caller, server, migrated.get());
            return ResponseEntity.accepted().build();
        }
        switch (action) {
            case "confirmResize" -> {
                resizes.confirm(caller, server.id());
                return ResponseEntity.noContent().build();
            }
            case "revertResize" -> resizes.revert(caller, server.id());
            default -> {
                ObjectNode body = JsonNodeFactory.instance.objectNode();
                body.set(action, inner);
                RequestBody b = RequestBody.wrapped(body, action, Set.of("flavorRef", "OS-DCF:diskConfig"));
                String ref = b.isNumber("flavorRef") ? b.numberText("flavorRef")
                        : b.string("flavorRef", true, 1, 255, null);
                String diskConfig = b.string("OS-DCF:diskConfig", false, 4, 6, null);
                String id = ref.replaceAll("/+$", "");
                resizes.resize(caller, server.id(), id.substring(id.lastIndexOf('/') + 1));
                if (diskConfig != null) {
                    servers.update(caller, server.id(), null, null, null, null, diskConfig);
                }
            }
        }
        return ResponseEntity.accepted().build();
    }
}
