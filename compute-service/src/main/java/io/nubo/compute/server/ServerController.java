package io.nubo.compute.server;

import io.nubo.shared.validation.ValidatedBody;

import io.nubo.compute.wire.ComputePolicy;
import io.nubo.compute.server.api.ServerViews;
import io.nubo.compute.wire.Access;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.error.ComputeError;
import io.nubo.compute.wire.Links;
import io.nubo.compute.wire.Paging;
import io.nubo.shared.microversion.ApiVersion;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Nova's servers: create, list (with filters, sorting and paging), detail, show, update, delete. */
@RestController
@RequestMapping("/v2.1/servers")
class ServerController {

    private final ServerCreation creation;
    private final ServerService servers;
    private final ServerViewBuilder views;
    private final Access access;

    ServerController(ServerCreation creation, ServerService servers, ServerViewBuilder views, Access access) {
        this.access = access;
        this.creation = creation;
        this.servers = servers;
        this.views = views;
    }

    static String password() {
        return AdminPasswords.generate();
    }

    @ValidatedBody(value = "compute/server-create.json", until = "2.18")
    @ValidatedBody(value = "compute/server-create-v219.json", since = "2.19")
    @PostMapping
    ResponseEntity<Object> create(Caller caller, ApiVersion version, @RequestBody JsonNode body) {
        ServerRequests.Create c = ServerRequests.create(body, version);
        List<Instance> created = creation.create(caller, c.request());
        if (c.returnReservationId()) {
            return ResponseEntity.accepted().body(new ServerViews.ReservationId(created.get(0).reservationId()));
        }
        Instance first = created.get(0);
        String adminPass = c.adminPass() != null ? c.adminPass() : password();
        return ResponseEntity.accepted().header("Location", Links.base() + "/v2.1/servers/" + first.id())
                .body(new ServerViews.CreatedOne(new ServerViews.Created(first.id(), Links.of("servers", first.id()),
                        first.diskConfig(), securityGroups(c.request().securityGroups()), adminPass)));
    }

    /** The create answer names the groups asked for, or Nova's {@code default}. */
    private static List<ServerViews.SecurityGroup> securityGroups(List<String> names) {
        return names.isEmpty() ? List.of(new ServerViews.SecurityGroup("default"))
                : names.stream().map(ServerViews.SecurityGroup::new).toList();
    }

    @GetMapping
    ServerViews.SummaryList list(Caller caller, ApiVersion version, @RequestParam Map<String, String> params) {
        Paging.Page<Instance> page = query(caller, version, params);
        return new ServerViews.SummaryList(page.items().stream().map(i -> new ServerViews.Summary(i.id(),
                i.displayName(), Links.of("servers", i.id()))).toList(), page.next());
    }

    @GetMapping("/detail")
    ServerViews.DetailList detail(Caller caller, ApiVersion version, @RequestParam Map<String, String> params) {
        Paging.Page<Instance> page = query(caller, version, params);
        return new ServerViews.DetailList(views.details(page.items(), caller, version), page.next());
    }

    @GetMapping("/{id}")
    ServerViews.DetailOne show(Caller caller, ApiVersion version, @PathVariable String id) {
        return new ServerViews.DetailOne(views.detail(servers.get(caller, id), caller, version));
    }

    @ValidatedBody(value = "compute/server-update.json", until = "2.18")
    @ValidatedBody(value = "compute/server-update-v219.json", since = "2.19")
    @PutMapping("/{id}")
    ServerViews.BasicOne update(Caller caller, ApiVersion version, @PathVariable String id,
                                @RequestBody JsonNode body) {
        ServerRequests.Update u = ServerRequests.update(body, version);
        return new ServerViews.BasicOne(views.basic(servers.update(caller, id, u.name(), u.ipv4(), u.ipv6(),
                u.description(), u.diskConfig()), caller, version, null));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable String id) {
        servers.delete(caller, id);
    }

    @GetMapping("/{id}/ips")
    ServerViews.Addresses ips(Caller caller, @PathVariable String id) {
        return new ServerViews.Addresses(views.addresses(servers.get(caller, id)));
    }

    @GetMapping("/{id}/ips/{network}")
    Map<String, Object> ipsOfNetwork(Caller caller, @PathVariable String id, @PathVariable String network) {
        Object ips = views.addresses(servers.get(caller, id)).get(network);
        if (ips == null) {
            throw ComputeError.NOT_FOUND.exception("Network " + network + " could not be found.");
        }
        return Map.of(network, ips);
    }

    /** Nova's list filters at 2.1; a non-admin's project is always its own, unknown filters are ignored. */
    private Paging.Page<Instance> query(Caller caller, ApiVersion version, Map<String, String> p) {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        boolean allTenants = p.containsKey("all_tenants") && !"false".equalsIgnoreCase(p.get("all_tenants"))
                && !"0".equals(p.get("all_tenants"));
        String project = p.getOrDefault("project_id", p.get("tenant_id"));
        if (allTenants) {
            // Nova refuses all_tenants to whoever its rule does not allow, rather than ignoring it
            access.check(ComputePolicy.SERVER_ALL_TENANTS, caller);
        }
        // as Nova: project_id / tenant_id filter only with all_tenants; without it the list is the caller's project's
        if (allTenants) {
            if (project != null) {
                where.add("project_id = ?");
                args.add(project);
            }
        } else {
            where.add("project_id = ?");
            args.add(caller.projectId());
        }
        Instant since = changesSince(p.get("changes-since"));
        boolean deleted = caller.admin() && "true".equalsIgnoreCase(p.get("deleted"));
        if (since != null) {
            where.add("updated_at >= ?");
            args.add(InstanceStore.ts(since));
        } else {
            where.add("deleted = ?");
            args.add(deleted);
        }
        if (version.atLeast("2.26")) {
            ServerTags.filters(p, where, args);
        }
        Predicate<Instance> keep = i -> true;
        if (p.get("name") != null) {
            Pattern name;
            try {
                name = Pattern.compile(p.get("name"));
            } catch (PatternSyntaxException e) {
                throw ComputeError.BAD_REQUEST.exception("Invalid name filter: not a regular expression.");
            }
            keep = keep.and(i -> name.matcher(i.displayName()).find());
        }
        if (p.get("status") != null) {
            String status = p.get("status");
            keep = keep.and(i -> i.status().equalsIgnoreCase(status));
        }
        if (p.get("image") != null) {
            String image = ServerRequests.ref(p.get("image"));
            keep = keep.and(i -> image.equals(i.imageId()));
        }
        if (p.get("flavor") != null) {
            String flavor = ServerRequests.ref(p.get("flavor"));
            keep = keep.and(i -> flavor.equals(i.flavor().id()));
        }
        // Nova's _ip_filter: a regex matched at the start of an address of that version; ip6 for all from 2.5
        Pattern ip4 = pattern(p.get("ip"), "ip");
        Pattern ip6 = caller.admin() || version.atLeast("2.5") ? pattern(p.get("ip6"), "ip6") : null;
        if (ip4 != null || ip6 != null) {
            keep = keep.and(i -> hasAddress(i, ip4, ip6));
        }
        if (p.get("reservation_id") != null) {
            keep = keep.and(i -> p.get("reservation_id").equals(i.reservationId()));
        }
        if (p.get("availability_zone") != null) {
            keep = keep.and(i -> p.get("availability_zone").equals(i.availabilityZone()));
        }
        if (p.get("host") != null && caller.admin()) {
            keep = keep.and(i -> p.get("host").equals(i.host()));
        }
        Comparator<Instance> order = switch (p.getOrDefault("sort_key", "created_at")) {
            case "display_name" -> Comparator.comparing(Instance::displayName);
            case "updated_at" -> Comparator.comparing(Instance::updatedAt);
            case "uuid" -> Comparator.comparing(Instance::id);
            case "vm_state" -> Comparator.comparing(i -> i.vmState().wire());
            case "created_at" -> Comparator.comparing(Instance::createdAt);
            default -> throw ComputeError.BAD_REQUEST.exception("Invalid sort_key " + p.get("sort_key"));
        };
        order = order.thenComparing(Instance::id);
        if (!"asc".equals(p.getOrDefault("sort_dir", "desc"))) {
            order = order.reversed();
        }
        List<Instance> all = servers.list(where, args).stream().filter(keep).sorted(order).toList();
        return Paging.page(all, Paging.limit(p.get("limit")), p.get("marker"), Instance::id, "servers");
    }

    private static Pattern pattern(String regex, String filter) {
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw ComputeError.BAD_REQUEST.exception("Invalid " + filter + " filter: not a regular expression.");
        }
    }

    private boolean hasAddress(Instance i, Pattern ip4, Pattern ip6) {
        for (Object list : views.addresses(i).values()) {
            for (Object a : (List<?>) list) {
                if (a instanceof ServerViews.PlainAddress f) {
                    Pattern p = f.version() == 6 ? ip6 : ip4;
                    if (p != null && p.matcher(f.addr()).lookingAt()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static Instant changesSince(String v) {
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(v).toInstant(java.time.ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw ComputeError.BAD_REQUEST.exception("Invalid filter field: changes-since.");
            }
        }
    }

}
