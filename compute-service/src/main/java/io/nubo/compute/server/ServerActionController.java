package io.nubo.compute.server;

import io.nubo.shared.validation.ValidatedBody;
import io.nubo.compute.quota.QuotaResource;
import io.nubo.compute.quota.QuotaService;
import io.nubo.compute.server.api.ServerViews;
import io.nubo.compute.server.state.ServerOperation;
import io.nubo.compute.server.state.VmState;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.error.ComputeError;
import io.nubo.compute.wire.Links;
import io.nubo.compute.wire.RequestBody;
import io.nubo.shared.microversion.ApiVersion;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code POST /v2.1/servers/{id}/action}: one action per body, as Nova's action dispatcher reads it. */
@RestController
class ServerActionController {

    private static final Map<String, ServerOperation> POWER = Map.of("os-start", ServerOperation.START,
            "os-stop", ServerOperation.STOP, "pause", ServerOperation.PAUSE, "unpause", ServerOperation.UNPAUSE,
            "suspend", ServerOperation.SUSPEND, "resume", ServerOperation.RESUME);

    /** The vm_states Nova's trigger_crash_dump accepts (ACTIVE, PAUSED, RESCUED, RESIZED, ERROR). */
    private static final Set<VmState> CRASH_DUMP_STATES = EnumSet.of(VmState.ACTIVE, VmState.PAUSED,
            VmState.RESCUED, VmState.RESIZED, VmState.ERROR);

    private final ServerService servers;
    private final ConsoleRequests consoles;
    private final ServerViewBuilder views;
    private final QuotaService quotas;
    private final AdminActions admin;
    private final java.util.List<ServerActionExtension> extensions;

    ServerActionController(ServerService servers, ConsoleRequests consoles, ServerViewBuilder views,
                           QuotaService quotas, AdminActions admin, java.util.List<ServerActionExtension> extensions) {
        this.extensions = extensions;
        this.admin = admin;
        this.servers = servers;
        this.consoles = consoles;
        this.views = views;
        this.quotas = quotas;
    }

    @ValidatedBody(value = "compute/server-action.json", until = "2.18")
    @ValidatedBody(value = "compute/server-action-v219.json", since = "2.19")
    @PostMapping("/v2.1/servers/{id}/action")
    ResponseEntity<Object> action(Caller caller, ApiVersion version, @PathVariable String id,
                                  @org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        RequestBody b = RequestBody.of(body);
        if (body.size() != 1) {
            throw ComputeError.BAD_REQUEST.exception("Exactly one action is expected in the request body.");
        }
        String action = body.propertyNames().iterator().next();
        ServerOperation power = POWER.get(action);
        if (power != null) {
            servers.power(caller, id, power);
            return ResponseEntity.accepted().build();
        }
        return switch (action) {
            case "reboot" -> {
                String type = b.object("reboot", Set.of("type")).string("type", true, 1, 8, null);
                ServerOperation op = switch (type.toUpperCase(java.util.Locale.ROOT)) {
                    case "SOFT" -> ServerOperation.REBOOT_SOFT;
                    case "HARD" -> ServerOperation.REBOOT_HARD;
                    default -> throw ComputeError.BAD_REQUEST.exception("Invalid input for field/attribute type. "
                            + "Value: " + type + ". '" + type + "' is not one of ['HARD', 'Hard', 'hard', 'SOFT', "
                            + "'Soft', 'soft']");
                };
                servers.power(caller, id, op);
                yield ResponseEntity.accepted().build();
            }
            case "lock", "unlock" -> {
                servers.lock(caller, id, action.equals("lock"));
                yield ResponseEntity.accepted().build();
            }
            case "createImage" -> {
                RequestBody c = b.object("createImage", Set.of("name", "metadata"));
                String name = c.string("name", true, 1, 255, ServerRequests.NAME);
                String image = servers.snapshot(caller, id, name, c.stringMap("metadata", null));
                yield ResponseEntity.accepted().header("Location", Links.base() + "/v2.1/images/" + image).build();
            }
            case "createBackup" -> {
                RequestBody c = b.object("createBackup", Set.of("name", "backup_type", "rotation", "metadata"));
                String name = c.string("name", true, 1, 255, ServerRequests.NAME);
                String type = c.string("backup_type", true, 0, 255, null);
                Integer rotation = c.integer("rotation", true, 0, Integer.MAX_VALUE);
                String image = servers.backup(caller, id, name, type, rotation, c.stringMap("metadata", null));
                yield image == null ? ResponseEntity.accepted().build() : ResponseEntity.accepted()
                        .header("Location", Links.base() + "/v2.1/images/" + image).build();
            }
            case "os-getConsoleOutput" -> {
                Integer length = null;
                if (!b.isNull("os-getConsoleOutput")) {
                    length = b.object("os-getConsoleOutput", Set.of("length")).integer("length", false, -1,
                            Integer.MAX_VALUE);
                }
                String out = consoles.output(caller, id, length == null || length < 0 ? 0 : length);
                yield ResponseEntity.ok(new ServerViews.ConsoleOutput(out));
            }
            case "rebuild" -> rebuild(caller, version, id, b);
            case "forceDelete" -> {
                // os-deferred-delete: without a reclaim interval every delete is immediate, so this is a delete
                servers.delete(caller, id);
                yield ResponseEntity.accepted().build();
            }
            case "restore" -> {
                // nothing is ever soft-deleted (no reclaim interval), so no server is in the state restore needs
                Instance i = servers.get(caller, id);
                throw ComputeError.INVALID_STATE.exception("restore", i.id(), "vm_state", i.vmState().wire());
            }
            case "trigger_crash_dump" -> {
                if (!version.atLeast("2.17")) {
                    throw ComputeError.BAD_REQUEST.exception("There is no such action: " + action);
                }
                // Nova's answer for a driver that cannot inject an NMI (the agent has no such command)
                Instance i = servers.get(caller, id);
                if (i.locked() && !caller.admin()) {
                    throw ComputeError.LOCKED.exception(i.id());
                }
                if (!CRASH_DUMP_STATES.contains(i.vmState())) {
                    throw ComputeError.INVALID_STATE.exception(action, i.id(), "vm_state", i.vmState().wire());
                }
                throw ComputeError.BAD_REQUEST.exception("Triggering crash dump is not supported");
            }
            case "os-resetState" -> {
                admin.resetState(caller, id, b.object("os-resetState", Set.of("state")).string("state", true, 1, 8,
                        null));
                yield ResponseEntity.accepted().build();
            }
            default -> {
                ServerActionExtension ext = extensions.stream().filter(e -> e.actions().contains(action)).findFirst()
                        .orElseThrow(() -> ComputeError.BAD_REQUEST.exception("There is no such action: " + action));
                yield ext.handle(caller, version, servers.get(caller, id), action, body.get(action));
            }
        };
    }

    private ResponseEntity<Object> rebuild(Caller caller, ApiVersion version, String id, RequestBody b) {
        RequestBody r = b.object("rebuild", Set.of("imageRef", "name", "metadata", "adminPass", "accessIPv4",
                "accessIPv6", "personality", "preserve_ephemeral", "OS-DCF:diskConfig", "description"));
        String image = ServerRequests.ref(r.string("imageRef", true, 1, 2048, null));
        Map<String, String> metadata = r.stringMap("metadata", ServerRequests.META_KEY);
        int limit = quotas.limits(caller.projectId()).get(QuotaResource.METADATA_ITEMS);
        if (metadata != null && limit >= 0 && metadata.size() > limit) {
            throw ComputeError.OVER_QUOTA.exception("Quota exceeded for metadata_items");
        }
        Instance after = servers.rebuild(caller, id, image, r.string("name", false, 1, 255, ServerRequests.NAME),
                metadata, ServerRequests.description(r, version), r.string("OS-DCF:diskConfig", false, 4, 6, null));
        String pass = r.string("adminPass", false, 0, 255, null);
        return ResponseEntity.accepted().body(new ServerViews.BasicOne(views.basic(after, caller, version,
                pass != null ? pass : ServerController.password())));
    }
}
