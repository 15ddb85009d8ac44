package io.nubo.compute.migration;

import io.nubo.compute.wire.Access;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.ComputePolicy;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v2.1/os-migrations} (admins): Nubo neither resizes nor migrates yet, so there is no migration to
 * list; the list is the true, empty one rather than a 404 for an API Nova has at 2.1.
 */
@RestController
class MigrationController {

    record Migrations(List<Object> migrations) {
    }

    private final Access access;

    MigrationController(Access access) {
        this.access = access;
    }

    @GetMapping("/v2.1/os-migrations")
    Migrations list(Caller caller) {
        access.check(ComputePolicy.MIGRATIONS, caller);
        return new Migrations(List.of());
    }
}
