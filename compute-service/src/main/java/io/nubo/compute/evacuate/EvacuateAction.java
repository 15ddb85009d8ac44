package io.nubo.compute.evacuate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.compute.error.ComputeError;
import io.nubo.compute.server.AdminPasswords;
import io.nubo.compute.server.Instance;
import io.nubo.compute.server.ServerActionExtension;
import io.nubo.compute.wire.Access;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.ComputePolicy;
import io.nubo.compute.wire.RequestBody;
import io.nubo.shared.microversion.ApiVersion;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code evacuate} on {@code POST /servers/{id}/action} (Nova's {@code evacuate.py}, 2.1 to 2.21): below 2.14 the
 * body takes {@code host}, {@code onSharedStorage} (required) and {@code adminPass}, and the answer is 200 with
 * {@code {"adminPass": ...}} (the one given, or a generated one unless on shared storage, where a given one is
 * Nova's 400); from 2.14 {@code onSharedStorage} is gone (an unknown property) and the answer is 200 with no body.
 * From 2.29 {@code force} (a boolean, default false): a named host is checked by the scheduler unless forced; below
 * 2.29 a named host is taken as forced (Nova's behaviour before 2.29); forced without a host is Nova's 400.
 */
@Component
class EvacuateAction implements ServerActionExtension {

    /** Nova's {@code parameter_types.fqdn}. */
    private static final Pattern FQDN = Pattern.compile("^[a-zA-Z0-9-._]*$");

    /** The answer below 2.14; adminPass is written even when null, as Nova writes it. */
    record Evacuated(@JsonProperty("adminPass") @JsonInclude(JsonInclude.Include.ALWAYS) String adminPass) {
    }

    private final Evacuations evacuations;
    private final Access access;

    EvacuateAction(Evacuations evacuations, Access access) {
        this.evacuations = evacuations;
        this.access = access;
    }

    @Override
    public Set<String> actions() {
        return Set.of("evacuate");
    }

    @Override
    public ResponseEntity<Object> handle(Caller caller, Instance server, String action, JsonNode body) {
        return handle(caller, ApiVersion.parse("2.1"), server, action, body);
    }

    @Override
    public ResponseEntity<Object> handle(Caller caller, ApiVersion version, Instance server, String action,
                                         JsonNode body) {
        boolean v214 = version.atLeast("2.14");
        boolean v229 = version.atLeast("2.29");
        RequestBody b = RequestBody.wrapped(JsonNodeFactory.instance.objectNode().set("evacuate", body),
                "evacuate", v229 ? Set.of("host", "adminPass", "force")
                        : v214 ? Set.of("host", "adminPass") : Set.of("host", "onSharedStorage", "adminPass"));
        String host = b.string("host", false, 1, 255, FQDN);
        boolean force = v229 ? Boolean.TRUE.equals(b.bool("force")) : host != null;
        if (v229 && force && host == null) {
            throw ComputeError.BAD_REQUEST.exception("Can't force to a non-provided destination");
        }
        String given = b.string("adminPass", false, 0, Integer.MAX_VALUE, null);
        access.check(ComputePolicy.SERVER_EVACUATE, caller);
        String password;
        if (v214) {
            password = given != null ? given : AdminPasswords.generate();
        } else {
            Boolean shared = b.bool("onSharedStorage");
            if (shared == null) {
                throw b.invalid("onSharedStorage", "None", "'onSharedStorage' is a required property");
            }
            if (shared && given != null) {
                throw ComputeError.BAD_REQUEST.exception("admin password can't be changed on existing disk");
            }
            password = given != null ? given : shared ? null : AdminPasswords.generate();
        }
        evacuations.evacuate(caller, server, host, force);
        return v214 ? ResponseEntity.ok().build() : ResponseEntity.ok(new Evacuated(password));
    }
}
