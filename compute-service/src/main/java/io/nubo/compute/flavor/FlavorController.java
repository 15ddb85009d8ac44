package io.nubo.compute.flavor;

import io.nubo.shared.validation.ValidatedBody;
import io.nubo.compute.wire.Access;

import io.nubo.compute.flavor.api.FlavorViews;
import io.nubo.compute.wire.ComputePolicy;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.error.ComputeError;
import io.nubo.compute.wire.Links;
import io.nubo.compute.wire.Paging;
import io.nubo.compute.wire.RequestBody;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import io.nubo.shared.microversion.ApiVersion;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Nova's flavors, os-flavor-manage, os-extra_specs and os-flavor-access ({@code /v2.1/flavors}). */
@RestController
@RequestMapping("/v2.1/flavors")
class FlavorController {

    private static final Pattern NAME = Pattern.compile("^(?! )[^\\p{Cntrl}]*(?<! )$");
    private static final Pattern ID = Pattern.compile("^(?! )[a-zA-Z0-9. _-]+(?<! )$");
    private static final Pattern SPEC_KEY = Pattern.compile("^[a-zA-Z0-9-_:. /]{1,255}$");
    private static final Set<String> CREATE_FIELDS = Set.of("name", "id", "ram", "vcpus", "disk",
            "OS-FLV-EXT-DATA:ephemeral", "swap", "rxtx_factor", "os-flavor-access:is_public");
    private static final Set<String> SORT_KEYS = Set.of("created_at", "description", "disabled", "ephemeral_gb",
            "flavorid", "id", "is_public", "memory_mb", "name", "root_gb", "rxtx_factor", "swap", "updated_at",
            "vcpu_weight", "vcpus");

    private final FlavorService flavors;

    private final Access access;

    FlavorController(FlavorService flavors, Access access) {
        this.access = access;
        this.flavors = flavors;
    }

    static FlavorViews.Detail detail(Flavor f) {
        return new FlavorViews.Detail(f.id(), f.name(), f.ramMb(), f.vcpus(), f.swapMb() == 0 ? "" : f.swapMb(),
                f.diskGb(), f.ephemeralGb(), f.disabled(), f.isPublic(), f.rxtxFactor(), Links.of("flavors", f.id()));
    }

    private Paging.Page<Flavor> page(Caller caller, Map<String, String> p) {
        String visibility;
        if (caller.admin()) {
            // oslo's bool_from_string(strict=True), as Nova reads the filter, and "none" for both
            String isPublic = p.get("is_public") == null ? "true" : p.get("is_public").trim().toLowerCase(
                    java.util.Locale.ROOT);
            if (Set.of("1", "t", "true", "on", "y", "yes").contains(isPublic)) {
                visibility = "public";
            } else if (isPublic.equals("none")) {
                visibility = "all";
            } else if (Set.of("0", "f", "false", "off", "n", "no").contains(isPublic)) {
                visibility = "private";
            } else {
                throw ComputeError.BAD_REQUEST.exception("Invalid is_public filter [" + p.get("is_public") + "]");
            }
        } else {
            visibility = "public";
        }
        String sortKey = p.getOrDefault("sort_key", "flavorid");
        if (!SORT_KEYS.contains(sortKey)) {
            throw ComputeError.BAD_REQUEST.exception("Invalid sort_key: " + sortKey);
        }
        String sortDir = p.getOrDefault("sort_dir", "asc");
        if (!sortDir.equals("asc") && !sortDir.equals("desc")) {
            throw ComputeError.BAD_REQUEST.exception("Invalid sort_dir: " + sortDir);
        }
        List<Flavor> all = flavors.list(new FlavorService.Query(visibility, caller.projectId(),
                minimum(p, "minRam"), minimum(p, "minDisk"), caller.admin(), sortKey, sortDir.equals("desc")));
        return Paging.page(all, Paging.limit(p.get("limit")), p.get("marker"), Flavor::id, "flavors");
    }

    private static int minimum(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null) {
            return 0;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw ComputeError.BAD_REQUEST.exception("Invalid " + name + " filter [" + v + "]");
        }
    }

    @GetMapping
    FlavorViews.SummaryList list(Caller caller, @RequestParam Map<String, String> params) {
        Paging.Page<Flavor> page = page(caller, params);
        return new FlavorViews.SummaryList(page.items().stream()
                .map(f -> new FlavorViews.Summary(f.id(), f.name(), Links.of("flavors", f.id()))).toList(),
                page.next());
    }

    @GetMapping("/detail")
    FlavorViews.DetailList detailList(Caller caller, @RequestParam Map<String, String> params) {
        Paging.Page<Flavor> page = page(caller, params);
        return new FlavorViews.DetailList(page.items().stream().map(FlavorController::detail).toList(), page.next());
    }

    @GetMapping("/{id}")
    FlavorViews.One show(@PathVariable String id) {
        return new FlavorViews.One(detail(flavors.get(id)));
    }

    @ValidatedBody("compute/flavor-create.json")
    @PostMapping
    FlavorViews.One create(Caller caller, @org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        access.check(ComputePolicy.FLAVOR_MANAGE, caller);
        RequestBody f = RequestBody.wrapped(body, "flavor", CREATE_FIELDS);
        String name = f.string("name", true, 1, 255, NAME);
        // Nova's schema takes a number too (Tempest sends integer ids) and keeps it as its string
        String id = f.isNumber("id") ? f.numberText("id") : f.string("id", false, 1, 255, ID);
        int ram = f.integer("ram", true, 1, Integer.MAX_VALUE);
        int vcpus = f.integer("vcpus", true, 1, Integer.MAX_VALUE);
        int disk = f.integer("disk", true, 0, Integer.MAX_VALUE);
        Integer ephemeral = f.integer("OS-FLV-EXT-DATA:ephemeral", false, 0, Integer.MAX_VALUE);
        Integer swap = f.integer("swap", false, 0, Integer.MAX_VALUE);
        Double rxtx = f.number("rxtx_factor", 0, 3.40282e38);
        Boolean isPublic = f.bool("os-flavor-access:is_public");
        Flavor created = flavors.create(new FlavorService.NewFlavor(id, name, vcpus, ram, disk,
                ephemeral == null ? 0 : ephemeral, swap == null ? 0 : swap, rxtx == null ? 1.0 : rxtx,
                isPublic == null || isPublic, null));
        return new FlavorViews.One(detail(created));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void delete(Caller caller, @PathVariable String id) {
        access.check(ComputePolicy.FLAVOR_MANAGE, caller);
        flavors.delete(id);
    }

    @GetMapping("/{id}/os-extra_specs")
    FlavorViews.ExtraSpecs extraSpecs(Caller caller, @PathVariable String id) {
        access.check(ComputePolicy.FLAVOR_EXTRA_SPECS_READ, caller);
        return new FlavorViews.ExtraSpecs(new java.util.TreeMap<>(flavors.get(id).extraSpecs()));
    }

    @ValidatedBody("compute/flavor-extra-specs.json")
    @PostMapping("/{id}/os-extra_specs")
    FlavorViews.ExtraSpecs setExtraSpecs(Caller caller, @PathVariable String id,
                                         @org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        access.check(ComputePolicy.FLAVOR_EXTRA_SPECS_MANAGE, caller);
        RequestBody b = RequestBody.of(body);
        Map<String, String> specs = b.stringMap("extra_specs", SPEC_KEY);
        if (specs == null || body.size() != 1) {
            throw ComputeError.BAD_REQUEST.exception("Invalid input for field/attribute extra_specs: "
                    + "'extra_specs' is a required property and the only one allowed.");
        }
        return new FlavorViews.ExtraSpecs(flavors.setExtraSpecs(id, specs));
    }

    @GetMapping("/{id}/os-extra_specs/{key}")
    Map<String, String> extraSpec(Caller caller, @PathVariable String id, @PathVariable String key) {
        access.check(ComputePolicy.FLAVOR_EXTRA_SPECS_READ, caller);
        return Map.of(key, flavors.extraSpec(id, key));
    }

    @ValidatedBody("compute/flavor-extra-spec.json")
    @PutMapping("/{id}/os-extra_specs/{key}")
    Map<String, String> putExtraSpec(Caller caller, @PathVariable String id, @PathVariable String key,
                                     @org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        access.check(ComputePolicy.FLAVOR_EXTRA_SPECS_MANAGE, caller);
        Map<String, String> one = RequestBody.of(wrap(body)).stringMap("b", SPEC_KEY);
        if (one == null || one.size() != 1) {
            throw ComputeError.BAD_REQUEST.exception("Request body and URI mismatch: exactly one key expected.");
        }
        if (!one.containsKey(key)) {
            throw ComputeError.BAD_REQUEST.exception("Request body and URI mismatch");
        }
        return flavors.setExtraSpecs(id, one);
    }

    private static JsonNode wrap(JsonNode body) {
        tools.jackson.databind.node.ObjectNode o = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        o.set("b", body);
        return o;
    }

    @DeleteMapping("/{id}/os-extra_specs/{key}")
    void deleteExtraSpec(Caller caller, @PathVariable String id, @PathVariable String key) {
        access.check(ComputePolicy.FLAVOR_EXTRA_SPECS_MANAGE, caller);
        flavors.deleteExtraSpec(id, key);
    }

    @GetMapping("/{id}/os-flavor-access")
    FlavorViews.AccessList access(Caller caller, @PathVariable String id) {
        access.check(ComputePolicy.FLAVOR_ACCESS_LIST, caller);
        return accessList(id, flavors.access(id));
    }

    @ValidatedBody("compute/flavor-action.json")
    @PostMapping("/{id}/action")
    FlavorViews.AccessList action(Caller caller, ApiVersion version, @PathVariable String id,
                                  @org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        access.check(ComputePolicy.FLAVOR_ACCESS_MANAGE, caller);
        RequestBody b = RequestBody.of(body);
        if (b.has("addTenantAccess")) {
            String tenant = b.object("addTenantAccess", Set.of("tenant")).string("tenant", true, 1, 255, null);
            return accessList(id, flavors.addAccess(id, tenant, version.atLeast("2.7")));
        }
        if (b.has("removeTenantAccess")) {
            String tenant = b.object("removeTenantAccess", Set.of("tenant")).string("tenant", true, 1, 255, null);
            return accessList(id, flavors.removeAccess(id, tenant));
        }
        throw ComputeError.BAD_REQUEST.exception("Invalid flavor action: expected addTenantAccess or "
                + "removeTenantAccess.");
    }

    private static FlavorViews.AccessList accessList(String id, List<String> projects) {
        return new FlavorViews.AccessList(projects.stream().map(p -> new FlavorViews.Access(id, p)).toList());
    }
}
