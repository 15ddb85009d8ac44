package io.nubo.compute.aggregate;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.compute.error.ComputeError;
import io.nubo.compute.wire.Access;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.ComputePolicy;
import io.nubo.compute.wire.RequestBody;
import io.nubo.compute.wire.WireTime;
import io.nubo.shared.validation.ValidatedBody;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Nova's os-aggregates at 2.1 (admin): create, list, show, update, delete, add/remove host, set metadata. */
@RestController
@RequestMapping("/v2.1/os-aggregates")
class AggregateController {

    record Created(@JsonProperty("availability_zone") String availabilityZone,
                   @JsonProperty("created_at") String createdAt, boolean deleted,
                   @JsonProperty("deleted_at") String deletedAt, long id, String name,
                   @JsonProperty("updated_at") String updatedAt) {
    }

    record Full(@JsonProperty("availability_zone") String availabilityZone,
                @JsonProperty("created_at") String createdAt, boolean deleted,
                @JsonProperty("deleted_at") String deletedAt, long id, String name,
                @JsonProperty("updated_at") String updatedAt, List<String> hosts, Map<String, String> metadata) {
    }

    record CreatedOne(Created aggregate) {
    }

    record FullOne(Full aggregate) {
    }

    record FullList(List<Full> aggregates) {
    }

    private final AggregateService aggregates;
    private final Access access;

    AggregateController(AggregateService aggregates, Access access) {
        this.aggregates = aggregates;
        this.access = access;
    }

    private static Full full(AggregateService.Aggregate a) {
        Map<String, String> meta = new LinkedHashMap<>(a.metadata());
        if (a.availabilityZone() != null) {
            meta.put("availability_zone", a.availabilityZone());
        }
        return new Full(a.availabilityZone(), WireTime.micros(a.createdAt()), false, null, a.id(), a.name(),
                WireTime.micros(a.updatedAt()), a.hosts(), meta);
    }

    private static long id(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ComputeError.BAD_REQUEST.exception("Invalid aggregate id " + raw + ".");
        }
    }

    @GetMapping
    FullList list(Caller caller) {
        access.check(ComputePolicy.AGGREGATES, caller);
        return new FullList(aggregates.list().stream().map(AggregateController::full).toList());
    }

    @PostMapping
    @ValidatedBody("compute/aggregate-create.json")
    CreatedOne create(Caller caller, @org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        access.check(ComputePolicy.AGGREGATES, caller);
        RequestBody a = RequestBody.wrapped(body, "aggregate", null);
        AggregateService.Aggregate created = aggregates.create(a.string("name", true, 1, 255, null),
                a.string("availability_zone", false, 1, 255, null));
        return new CreatedOne(new Created(created.availabilityZone(), WireTime.micros(created.createdAt()), false,
                null, created.id(), created.name(), null));
    }

    @GetMapping("/{id}")
    FullOne show(Caller caller, @PathVariable String id) {
        access.check(ComputePolicy.AGGREGATES, caller);
        return new FullOne(full(aggregates.get(id(id))));
    }

    @PutMapping("/{id}")
    @ValidatedBody("compute/aggregate-update.json")
    FullOne update(Caller caller, @PathVariable String id,
                   @org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        access.check(ComputePolicy.AGGREGATES, caller);
        RequestBody a = RequestBody.wrapped(body, "aggregate", null);
        return new FullOne(full(aggregates.update(id(id), a.string("name", false, 1, 255, null),
                a.string("availability_zone", false, 1, 255, null), a.has("availability_zone"))));
    }

    @DeleteMapping("/{id}")
    void delete(Caller caller, @PathVariable String id) {
        access.check(ComputePolicy.AGGREGATES, caller);
        aggregates.delete(id(id));
    }

    @PostMapping("/{id}/action")
    @ValidatedBody("compute/aggregate-action.json")
    FullOne action(Caller caller, @PathVariable String id,
                   @org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        access.check(ComputePolicy.AGGREGATES, caller);
        RequestBody b = RequestBody.of(body);
        if (b.has("add_host")) {
            return new FullOne(full(aggregates.addHost(id(id), b.object("add_host", Set.of("host"))
                    .string("host", true, 1, 255, null))));
        }
        if (b.has("remove_host")) {
            return new FullOne(full(aggregates.removeHost(id(id), b.object("remove_host", Set.of("host"))
                    .string("host", true, 1, 255, null))));
        }
        Map<String, String> changes = new LinkedHashMap<>();
        body.path("set_metadata").path("metadata").properties().forEach(e -> changes.put(e.getKey(),
                e.getValue().isNull() ? null : e.getValue().asString()));
        return new FullOne(full(aggregates.setMetadata(id(id), changes)));
    }
}
