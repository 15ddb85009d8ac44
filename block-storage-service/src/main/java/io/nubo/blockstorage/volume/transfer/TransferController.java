package io.nubo.blockstorage.volume.transfer;

import io.nubo.blockstorage.request.Views;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Json;
import io.nubo.shared.api.Link;
import io.nubo.shared.validation.ValidatedBody;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Cinder's {@code os-volume-transfer} (3.0): create, list (summary and detail), show, accept, delete. */
@RestController
@RequestMapping("/v3/{projectId}/os-volume-transfer")
public class TransferController {

    /** A transfer as Cinder shows it: {@code auth_key} only in the create answer, {@code created_at} not in accept's. */
    public record TransferView(String id, String name, @JsonProperty("volume_id") String volumeId,
                               @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("created_at") String createdAt,
                               @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("auth_key") String authKey,
                               List<Link> links) {
    }

    public record One(TransferView transfer) {
    }

    public record Many(List<TransferView> transfers) {
    }

    private final TransferService transfers;

    public TransferController(TransferService transfers) {
        this.transfers = transfers;
    }

    static TransferView view(TransferEntity t, boolean created, String authKey) {
        String path = "/v3/" + t.getProjectId() + "/os-volume-transfer/" + t.getId();
        return new TransferView(t.getId(), t.getName(), t.getVolumeId(),
                created ? Views.time(t.getCreatedAt()) : null, authKey,
                Views.links(path));
    }

    @PostMapping
    @ValidatedBody("block-storage/transfer-create.json")
    public ResponseEntity<One> create(Caller caller, @RequestBody JsonNode body) {
        JsonNode t = Json.root(body, "transfer");
        TransferService.Offer o = transfers.create(caller, Json.string(t, "volume_id"), Json.string(t, "name"));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new One(view(o.transfer(), true, o.authKey())));
    }

    @GetMapping
    public Many list(Caller caller, @RequestParam Map<String, String> params) {
        return new Many(transfers.list(caller, "true".equalsIgnoreCase(params.get("all_tenants"))).stream()
                .map(t -> view(t, false, null)).toList());
    }

    @GetMapping("/detail")
    public Many detail(Caller caller, @RequestParam Map<String, String> params) {
        return new Many(transfers.list(caller, "true".equalsIgnoreCase(params.get("all_tenants"))).stream()
                .map(t -> view(t, true, null)).toList());
    }

    @GetMapping("/{id}")
    public One show(Caller caller, @PathVariable String id) {
        return new One(view(transfers.visible(caller, id), true, null));
    }

    @PostMapping("/{id}/accept")
    @ValidatedBody("block-storage/transfer-accept.json")
    public ResponseEntity<One> accept(Caller caller, @PathVariable String id, @RequestBody JsonNode body) {
        TransferEntity t = transfers.accept(caller, id, Json.string(Json.root(body, "accept"), "auth_key"));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new One(view(t, false, null)));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        transfers.delete(caller, id);
        return ResponseEntity.accepted().build();
    }
}
