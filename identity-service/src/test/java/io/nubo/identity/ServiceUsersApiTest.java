package io.nubo.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** The service project and users that bootstrap makes, as DevStack makes nova, glance, cinder and neutron. */
class ServiceUsersApiTest extends IdentityHttpTest {

    static final String SERVICE_PROJECT = "{\"project\": {\"name\": \"service\", \"domain\": {\"id\": \"default\"}}}";

    @Test
    void aServiceUserSignsInToTheServiceProjectWithTheServiceRoleOnly() throws Exception {
        Reply r = call("POST", "/v3/auth/tokens", passwordAuth("nova", "n0va-secret", SERVICE_PROJECT));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("token").get("roles").findValuesAsString("name"))
                .as("a service user is no admin and no member").containsExactly("service");
        assertThat(r.json().get("token").get("project").get("name").asString()).isEqualTo("service");
        assertThat(call("POST", "/v3/projects", "{\"project\": {\"name\": \"nope\"}}", "X-Auth-Token",
                r.header("X-Subject-Token")).status()).as("the service role administers nothing").isEqualTo(403);
    }

    @Test
    void anUnconfiguredServicePasswordIsGeneratedIntoAFileOnlyItsOwnerReads() throws Exception {
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "nubo-identity-test", "service-passwords", "glance");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String password = Files.readString(file).trim();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        Reply r = call("POST", "/v3/auth/tokens", passwordAuth("glance", password, SERVICE_PROJECT));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(call("POST", "/v3/auth/tokens", passwordAuth("glance", "wrong", SERVICE_PROJECT)).status())
                .isEqualTo(401);
    }
}
