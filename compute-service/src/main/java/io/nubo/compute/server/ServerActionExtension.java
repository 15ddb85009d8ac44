package io.nubo.compute.server;

import io.nubo.compute.wire.Caller;
import io.nubo.shared.microversion.ApiVersion;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * A server action served by another feature (addSecurityGroup, addFloatingIp, ...): {@code POST
 * /servers/{id}/action} hands the action's body to the extension that names it, with the server the caller may see.
 */
public interface ServerActionExtension {

    /** The action names this extension serves. */
    Set<String> actions();

    ResponseEntity<Object> handle(Caller caller, Instance server, String action, JsonNode body);

    /** As {@link #handle(Caller, Instance, String, JsonNode)}, for an action whose body or answer is microversioned. */
    default ResponseEntity<Object> handle(Caller caller, ApiVersion version, Instance server, String action,
                                          JsonNode body) {
        return handle(caller, server, action, body);
    }
}
