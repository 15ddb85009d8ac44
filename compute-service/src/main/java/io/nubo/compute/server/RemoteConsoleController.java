package io.nubo.compute.server;

import io.nubo.compute.error.ComputeError;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.RequestBody;
import io.nubo.shared.microversion.ApiVersion;
import io.nubo.shared.microversion.Microversions;
import io.nubo.shared.validation.ValidatedBody;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Nova's remote consoles (2.6, {@code mks} from 2.8) and the servers' virtual interfaces, as Nova answers them on a
 * cloud that has neither: Nubo runs no console proxy (no VNC, SPICE, RDP, serial or MKS console is enabled), so a
 * console request for an existing server is Nova's 400 "Unavailable console type"; and with a network service, Nova
 * lists no virtual interfaces (400 "not supported by this cloud", until 2.44 removed the API).
 */
@RestController
class RemoteConsoleController {

    /** Nova's protocol to console type pairs (remote_consoles.py). */
    private static final Map<String, Set<String>> TYPES = Map.of("vnc", Set.of("novnc", "xvpvnc"),
            "spice", Set.of("spice-html5"), "rdp", Set.of("rdp-html5"), "serial", Set.of("serial"),
            "mks", Set.of("webmks"));

    private final ServerService servers;

    RemoteConsoleController(ServerService servers) {
        this.servers = servers;
    }

    @PostMapping("/v2.1/servers/{id}/remote-consoles")
    @Microversions(min = "2.6")
    @ValidatedBody(value = "compute/remote-console-create.json", until = "2.7")
    @ValidatedBody(value = "compute/remote-console-create-v28.json", since = "2.8")
    Object create(Caller caller, ApiVersion version, @PathVariable String id,
                  @org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        RequestBody c = RequestBody.wrapped(body, "remote_console", Set.of("protocol", "type"));
        String protocol = c.string("protocol", true, 1, 16, null);
        String type = c.string("type", true, 1, 16, null);
        Instance i = servers.get(caller, id);
        if (!TYPES.getOrDefault(protocol, Set.of()).contains(type)) {
            throw ComputeError.BAD_REQUEST.exception("Invalid console type " + type + " for protocol " + protocol
                    + ".");
        }
        if (i.host() == null) {
            throw ComputeError.CONFLICT.exception("Instance " + i.id() + " is not ready yet.");
        }
        throw ComputeError.BAD_REQUEST.exception("Unavailable console type " + type + ".");
    }

    @GetMapping("/v2.1/servers/{id}/os-virtual-interfaces")
    @Microversions(min = "2.1", max = "2.43")
    Object virtualInterfaces(Caller caller, @PathVariable String id) {
        servers.get(caller, id);
        throw ComputeError.BAD_REQUEST.exception("Listing virtual interfaces is not supported by this cloud.");
    }
}
