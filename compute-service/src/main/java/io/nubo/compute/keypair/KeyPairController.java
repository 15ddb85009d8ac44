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
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Nova's os-keypairs at 2.1: key pairs belong to the calling user (an admin may name another with user_id). */
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

    @ValidatedBody("compute/keypair-create.json")
    @PostMapping
    KeyPairViews.CreatedOne create(Caller caller, @org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        RequestBody k = RequestBody.wrapped(body, "keypair", Set.of("name", "public_key"));
        String name = k.string("name", true, 1, 255, NAME);
        String publicKey = k.string("public_key", false, 0, 65535, null);
        KeyPairService.KeyPair created = keys.create(caller.userId(), caller.projectId(), name, "ssh", publicKey);
        return new KeyPairViews.CreatedOne(new KeyPairViews.Created(created.name(), created.publicKey(),
                created.fingerprint(), created.userId(), created.privateKey()));
    }

    @GetMapping
    KeyPairViews.KeyPairList list(Caller caller, @RequestParam(name = "user_id", required = false) String userId) {
        return new KeyPairViews.KeyPairList(keys.list(user(caller, userId)).stream()
                .map(k -> new KeyPairViews.ListItem(new KeyPairViews.Listed(k.name(), k.publicKey(),
                        k.fingerprint()))).toList());
    }

    @GetMapping("/{name}")
    KeyPairViews.FullOne show(Caller caller, @PathVariable String name,
                              @RequestParam(name = "user_id", required = false) String userId) {
        KeyPairService.KeyPair k = keys.get(user(caller, userId), name);
        return new KeyPairViews.FullOne(new KeyPairViews.Full(k.id(), k.name(), k.publicKey(), k.fingerprint(),
                k.userId(), false, WireTime.micros(k.createdAt()), null, null));
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void delete(Caller caller, @PathVariable String name,
                @RequestParam(name = "user_id", required = false) String userId) {
        keys.delete(user(caller, userId), name);
    }
}
