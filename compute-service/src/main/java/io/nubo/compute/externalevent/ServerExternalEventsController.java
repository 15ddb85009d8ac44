package io.nubo.compute.externalevent;

import io.nubo.compute.error.ComputeError;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerService;
import io.nubo.compute.volume.VolumeExtensions;
import io.nubo.compute.wire.Access;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.ComputePolicy;
import io.nubo.shared.validation.ValidatedBody;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Nova's {@code POST /v2.1/os-server-external-events}, the API other services tell servers of what they saw
 * through (admin, or a service user's {@code service} role). Each event is answered on its own: 404 for a server
 * that does not exist, 422 for one without a host to deliver it to, 400 for a {@code volume-extended} without the
 * volume id as its tag, 200 otherwise; 207 when any event was not accepted, 404 when none was. The names are Nova's
 * by microversion (the schemas): the network ones from 2.0, {@code volume-extended} from 2.51. Nubo's own services
 * do not need this API (its network service binds ports and its block storage announces a grown volume with an
 * event, which {@link VolumeExtensions} acts on), so the network events are acknowledged and change nothing;
 * {@code volume-extended} sends the server's host the resize of that volume's disk.
 */
@RestController
class ServerExternalEventsController {

    static final String VOLUME_EXTENDED = "volume-extended";
    private static final Logger log = LoggerFactory.getLogger(ServerExternalEventsController.class);

    private final Access access;
    private final ServerService servers;
    private final VolumeExtensions volumes;

    ServerExternalEventsController(Access access, ServerService servers, VolumeExtensions volumes) {
        this.access = access;
        this.servers = servers;
        this.volumes = volumes;
    }

    @ValidatedBody(value = "compute/server-external-events.json", until = "2.50")
    @ValidatedBody(value = "compute/server-external-events-v251.json", since = "2.51")
    @PostMapping("/v2.1/os-server-external-events")
    ResponseEntity<Map<String, List<Map<String, Object>>>> create(Caller caller, @RequestBody JsonNode body) {
        access.check(ComputePolicy.SERVER_EXTERNAL_EVENTS, caller);
        List<Map<String, Object>> answered = new ArrayList<>();
        boolean anyAccepted = false;
        boolean allAccepted = true;
        for (JsonNode e : body.get("events")) {
            Map<String, Object> out = new LinkedHashMap<>();
            String name = e.get("name").asString();
            String serverId = e.get("server_uuid").asString();
            String tag = e.hasNonNull("tag") ? e.get("tag").asString() : null;
            out.put("name", name);
            out.put("server_uuid", serverId);
            if (tag != null) {
                out.put("tag", tag);
            }
            Instance i = servers.byId(serverId).filter(s -> !s.deleted()).orElse(null);
            int code;
            if (i == null) {
                code = 404;
            } else if (VOLUME_EXTENDED.equals(name) && tag == null) {
                code = 400;
            } else if (i.host() == null) {
                code = 422;
            } else {
                code = 200;
                deliver(caller, i, name, tag);
            }
            out.put("status", code == 200 ? "completed" : "failed");
            out.put("code", code);
            answered.add(out);
            anyAccepted |= code == 200;
            allAccepted &= code == 200;
        }
        if (!anyAccepted) {
            throw ComputeError.NO_INSTANCES_FOR_EVENTS.exception();
        }
        return ResponseEntity.status(allAccepted ? 200 : 207).body(Map.of("events", answered));
    }

    private void deliver(Caller caller, Instance i, String name, String tag) {
        if (VOLUME_EXTENDED.equals(name)) {
            volumes.requested(caller, i, tag);
        } else {
            log.info("event {} (tag {}) for server {}: acknowledged, nothing to do", name, tag, i.id());
        }
    }
}
