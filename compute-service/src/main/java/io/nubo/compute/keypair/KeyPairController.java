package io.nubo.compute.keypair;

import io.nubo.shared.validation.ValidatedBody;
import io.nubo.compute.wire.Access;
import io.nubo.compute.keypair.api.KeyPairViews;
import io.nubo.compute.wire.ComputePolicy;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.RequestBody;
import io.nubo.compute.wire.WireTime;
import java.util.Set;
import java.util.regex.Pattern;
import io.nubo.shared.microversion.ApiVersion;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Nova's os-keypairs (2.2: {@code type} and the 201/204 statuses; 2.10: {@code user_id} for admins): key pairs belong to the calling user (an admin may name another with user_id). */
@RestController
@RequestMapping("/v2.1/os-keypairs")
class KeyPairController {

    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9 _-]+$");

    private final KeyPairService keys;

    private final Access access;

    KeyPairController(KeyPairService keys, Access access) {
        this.access = access;
        this.keys = keys;
    }

    private String user(Caller caller, String userId) {
        if (userId == null || userId.equals(caller.userId())) {
            return caller.userId();
        }
        access.check(ComputePolicy.KEYPAIR_OTHER_USER, caller);
        return userId;
    }

    /** Below 2.10 Nova takes no {@code user_id}: every call is about the caller's own key pairs. */
    private String user(Caller caller, ApiVersion version, String userId) {
        return version.atLeast("2.10") ? user(caller, userId) : caller.userId();
    }

    @ValidatedBody(value = "compute/keypair-create.json", until = "2.1")
    @ValidatedBody(value = "compute/keypair-create-v22.json", since = "2.2", until = "2.9")
    @ValidatedBody(value = "compute/keypair-create-v210.json", since = "2.10")
    @PostMapping
    ResponseEntity<KeyPairViews.CreatedOne> create(Caller caller, ApiVersion version,
                                                   @org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        RequestBody k = RequestBody.wrapped(body, "keypair", Set.of("name", "public_key", "type", "user_id"));
        String name = k.string("name", true, 1, 255, NAME);
        String publicKey = k.string("public_key", false, 0, 65535, null);
        String type = version.atLeast("2.2") ? k.string("type", false, 1, 8, null) : null;
        String owner = user(caller, version, version.atLeast("2.10") ? k.string("user_id", false, 1, 255, null)
                : null);
        KeyPairService.KeyPair created = keys.create(owner, caller.projectId(), name, type == null ? "ssh" : type,
                publicKey);
        // 2.2 fixed the status: 201 Created (200 before)
        return ResponseEntity.status(version.atLeast("2.2") ? HttpStatus.CREATED : HttpStatus.OK)
                .body(new KeyPairViews.CreatedOne(new KeyPairViews.Created(created.name(), created.publicKey(),
                        created.fingerprint(), created.userId(), created.privateKey(), type(created, version))));
    }

    /** {@code type} from 2.2 on, absent before. */
    private static String type(KeyPairService.KeyPair k, ApiVersion version) {
        return version.atLeast("2.2") ? k.type() : null;
    }

    @GetMapping
    KeyPairViews.KeyPairList list(Caller caller, ApiVersion version,
                                  @RequestParam(name = "user_id", required = false) String userId) {
        return new KeyPairViews.KeyPairList(keys.list(user(caller, version, userId)).stream()
                .map(k -> new KeyPairViews.ListItem(new KeyPairViews.Listed(k.name(), k.publicKey(),
                        k.fingerprint(), type(k, version)))).toList());
    }

    @GetMapping("/{name}")
    KeyPairViews.FullOne show(Caller caller, ApiVersion version, @PathVariable String name,
                              @RequestParam(name = "user_id", required = false) String userId) {
        KeyPairService.KeyPair k = keys.get(user(caller, version, userId), name);
        return new KeyPairViews.FullOne(new KeyPairViews.Full(k.id(), k.name(), k.publicKey(), k.fingerprint(),
                k.userId(), false, WireTime.micros(k.createdAt()), null, null, type(k, version)));
    }

    /** 2.2 fixed the status: 204 No Content (202 before). */
    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(Caller caller, ApiVersion version, @PathVariable String name,
                                @RequestParam(name = "user_id", required = false) String userId) {
        keys.delete(user(caller, version, userId), name);
        return ResponseEntity.status(version.atLeast("2.2") ? HttpStatus.NO_CONTENT : HttpStatus.ACCEPTED).build();
    }
}
