package io.nubo.blockstorage.volume.qos;

import io.nubo.blockstorage.request.Views;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Json;
import io.nubo.blockstorage.request.Policy;
import io.nubo.shared.api.Link;
import io.nubo.shared.validation.ValidatedBody;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Cinder's {@code qos-specs} (admin): create, list, show, set and unset keys, associate with types, delete. */
@RestController
@RequestMapping("/v3/{projectId}/qos-specs")
public class QosSpecsController {

    public record QosView(String id, String name, String consumer, Map<String, String> specs) {
    }

    public record One(@JsonProperty("qos_specs") QosView qosSpecs, List<Link> links) {
    }

    public record Many(@JsonProperty("qos_specs") List<QosView> qosSpecs) {
    }

    public record Keys(@JsonProperty("qos_specs") Map<String, String> qosSpecs) {
    }

    public record Associations(@JsonProperty("qos_associations") List<Association> associations) {
        public record Association(@JsonProperty("association_type") String associationType, String id,
                                  String name) {
        }
    }

    private final QosSpecsService qos;

    public QosSpecsController(QosSpecsService qos) {
        this.qos = qos;
    }

    static QosView view(QosSpecsEntity q) {
        return new QosView(q.getId(), q.getName(), q.getConsumer(), new TreeMap<>(q.getSpecs()));
    }

    static One one(QosSpecsEntity q, String projectId) {
        String path = "/v3/" + projectId + "/qos-specs/" + q.getId();
        return new One(view(q), Views.links(path));
    }

    @PostMapping
    @ValidatedBody("block-storage/qos-specs-create.json")
    public One create(Caller caller, @PathVariable String projectId, @RequestBody JsonNode body) {
        caller.require(Policy.QOS_MANAGE);
        JsonNode q = Json.root(body, "qos_specs");
        Map<String, String> values = new LinkedHashMap<>(Json.stringMap(body, "qos_specs"));
        values.remove("name");
        values.remove("consumer");
        return one(qos.create(Json.string(q, "name").trim(), Json.string(q, "consumer"), values), projectId);
    }

    @GetMapping
    public Many list(Caller caller) {
        caller.require(Policy.QOS_MANAGE);
        return new Many(qos.list().stream().map(QosSpecsController::view).toList());
    }

    @GetMapping("/{id}")
    public One show(Caller caller, @PathVariable String projectId, @PathVariable String id) {
        caller.require(Policy.QOS_MANAGE);
        return one(qos.get(id), projectId);
    }

    @PutMapping("/{id}")
    @ValidatedBody("block-storage/qos-specs-update.json")
    public Keys setKeys(Caller caller, @PathVariable String id, @RequestBody JsonNode body) {
        caller.require(Policy.QOS_MANAGE);
        return new Keys(qos.setKeys(id, Json.stringMap(body, "qos_specs")));
    }

    @PutMapping("/{id}/delete_keys")
    @ValidatedBody("block-storage/qos-specs-delete-keys.json")
    public ResponseEntity<Void> unsetKeys(Caller caller, @PathVariable String id, @RequestBody JsonNode body) {
        caller.require(Policy.QOS_MANAGE);
        List<String> keys = new ArrayList<>();
        body.get("keys").forEach(k -> keys.add(k.asString()));
        qos.unsetKeys(id, keys);
        return ResponseEntity.accepted().build();
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(Caller caller, @PathVariable String id,
                                       @RequestParam(required = false) String force) {
        caller.require(Policy.QOS_MANAGE);
        qos.delete(id, force != null && force.matches("(?i)true|1|t|yes|y|on"));
        return ResponseEntity.accepted().build();
    }

    @GetMapping("/{id}/associations")
    public Associations associations(Caller caller, @PathVariable String id) {
        caller.require(Policy.QOS_MANAGE);
        return new Associations(qos.associations(id).stream()
                .map(t -> new Associations.Association("volume_type", t.getId(), t.getName())).toList());
    }

    @GetMapping("/{id}/associate")
    public ResponseEntity<Void> associate(Caller caller, @PathVariable String id,
                                          @RequestParam(name = "vol_type_id", required = false) String typeId) {
        caller.require(Policy.QOS_MANAGE);
        qos.associate(id, typeId);
        return ResponseEntity.accepted().build();
    }

    @GetMapping("/{id}/disassociate")
    public ResponseEntity<Void> disassociate(Caller caller, @PathVariable String id,
                                             @RequestParam(name = "vol_type_id", required = false) String typeId) {
        caller.require(Policy.QOS_MANAGE);
        qos.disassociate(id, typeId);
        return ResponseEntity.accepted().build();
    }

    @GetMapping("/{id}/disassociate_all")
    public ResponseEntity<Void> disassociateAll(Caller caller, @PathVariable String id) {
        caller.require(Policy.QOS_MANAGE);
        qos.disassociateAll(id);
        return ResponseEntity.accepted().build();
    }
}
