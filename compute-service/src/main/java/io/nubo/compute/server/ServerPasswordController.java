package io.nubo.compute.server;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import io.nubo.compute.wire.Caller;

/**
 * Nova's os-server-password: the encrypted password a guest posts to the metadata service. Nubo has no metadata
 * service yet, so no guest can post one: the password is always empty, as Nova shows it before a guest did, and
 * clearing it changes nothing.
 */
@RestController
@RequestMapping("/v2.1/servers/{id}/os-server-password")
class ServerPasswordController {

    record Password(String password) {
    }

    private final ServerService servers;

    ServerPasswordController(ServerService servers) {
        this.servers = servers;
    }

    @GetMapping
    Password show(Caller caller, @PathVariable String id) {
        servers.get(caller, id);
        return new Password("");
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clear(Caller caller, @PathVariable String id) {
        servers.get(caller, id);
    }
}
