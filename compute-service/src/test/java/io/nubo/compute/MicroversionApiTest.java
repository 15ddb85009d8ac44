package io.nubo.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.compute.DeleteInstance;
import io.nubo.shared.events.compute.PowerAction;
import io.nubo.shared.events.compute.PowerState;
import io.nubo.shared.events.compute.RebuildInstance;
import io.nubo.shared.events.compute.SpawnInstance;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The microversions above 2.1, each asked for explicitly: every response checked against Tempest's schema of that
 * version (the module Tempest's clients pick for it) and against the golden sample of that version
 * ({@code api-samples/v2.X/}), and the requests each version adds or changes.
 */
@Tag("integration")
class MicroversionApiTest extends ComputeHttpTest {

    static final String V = "X-OpenStack-Nova-API-Version";

    @Autowired
    EventCodec codec;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JdbcTemplate jdbc;

    FakeAgent agent;
    String token;
    String flavor;

    @BeforeEach
    void setUp() throws Exception {
        agent = registeredHost(8192);
        token = member("pm-" + UUID.randomUUID().toString().substring(0, 8));
        flavor = "fm-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post(ADMIN, "/v2.1/flavors", "{\"flavor\": {\"name\": \"" + flavor + "\", \"id\": \"" + flavor
                + "\", \"ram\": 256, \"vcpus\": 1, \"disk\": 1}}").status()).isEqualTo(200);
    }

    /** A fake host with 4 vCPUs, {@code ramMb} and 100 GB, once the API has registered it. */
    FakeAgent registeredHost(long ramMb) throws Exception {
        FakeAgent a = new FakeAgent("host-" + UUID.randomUUID().toString().substring(0, 8), codec, kafka);
        a.heartbeat(4, ramMb, 100);
        for (int i = 0; i < 600 && jdbc.queryForObject("SELECT COUNT(*) FROM compute_hosts WHERE host = ?",
                Integer.class, a.host) == 0; i++) {
            Thread.sleep(100);
        }
        return a;
    }

    @AfterEach
    void tearDown() throws Exception {
        agent.close();
        jdbc.update("UPDATE compute_hosts SET disabled = TRUE WHERE host = ?", agent.host);
    }

    Reply at(String version, String token, String method, String path, String body) throws Exception {
        Reply r = call(token, method, path, body, V, version);
        if (r.status() < 400) {
            assertThat(r.header(V)).isEqualTo(version);
            assertThat(r.header("OpenStack-API-Version")).isEqualTo("compute " + version);
        }
        return r;
    }

    Reply awaitStatus(String id, String status) throws Exception {
        Reply r = null;
        for (int i = 0; i < 600; i++) {
            r = get(token, "/v2.1/servers/" + id);
            if (r.status() == 200 && r.json().at("/server/status").asString().equals(status)
                    && r.json().at("/server/OS-EXT-STS:task_state").isNull()) {
                return r;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("server " + id + " never reached " + status + ": " + r.body());
    }

    String bootActive(String version, String extra) throws Exception {
        Reply r = at(version, token, "POST", "/v2.1/servers", "{\"server\": {\"name\": \"mv\", \"imageRef\": \""
                + FakeImageService.IMAGE + "\", \"flavorRef\": \"" + flavor + "\"" + extra + "}}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String id = r.json().at("/server/id").asString();
        agent.succeeded(agent.next(SpawnInstance.class), "spawn", PowerState.RUNNING);
        awaitStatus(id, "ACTIVE");
        return id;
    }

    @Test
    void serverViewsGrowWithEachMicroversion() throws Exception {
        String id = bootActive("2.1", "");
        String path = "/v2.1/servers/" + id;
        GoldenSamples.assertMatches("2.1", "server-get", get(token, path).valid("v2_1.servers", "get_server").body());
        GoldenSamples.assertMatches("2.1", "server-get-admin",
                at("2.2", ADMIN, "GET", path, null).valid("v2_1.servers", "get_server").body());
        // 2.3: the extended attributes, for admins only
        Reply ext = at("2.3", ADMIN, "GET", path, null).valid("v2_3.servers", "get_server");
        GoldenSamples.assertMatches("2.3", "server-get-admin", ext.body());
        assertThat(ext.json().at("/server/OS-EXT-SRV-ATTR:hostname").asString()).isEqualTo("mv");
        GoldenSamples.assertMatches("2.1", "server-get",
                at("2.8", token, "GET", path, null).valid("v2_3.servers", "get_server").body());
        // 2.9: locked, for everyone
        GoldenSamples.assertMatches("2.9", "server-get",
                at("2.9", token, "GET", path, null).valid("v2_9.servers", "get_server").body());
        // 2.16: host_status for admins, following the host's service
        GoldenSamples.assertMatches("2.16", "server-get-admin",
                at("2.16", ADMIN, "GET", path, null).valid("v2_16.servers", "get_server").body());
        assertThat(at("2.16", token, "GET", path, null).json().at("/server").has("host_status")).isFalse();
        assertThat(at("2.11", ADMIN, "PUT", "/v2.1/os-services/force-down", "{\"host\": \"" + agent.host
                + "\", \"binary\": \"nova-compute\", \"forced_down\": true}").status()).isEqualTo(200);
        assertThat(at("2.16", ADMIN, "GET", path, null).json().at("/server/host_status").asString())
                .isEqualTo("DOWN");
        at("2.11", ADMIN, "PUT", "/v2.1/os-services/force-down", "{\"host\": \"" + agent.host
                + "\", \"binary\": \"nova-compute\", \"forced_down\": false}");
        assertThat(at("2.16", ADMIN, "GET", path, null).json().at("/server/host_status").asString())
                .isEqualTo("UP");
        at("2.16", ADMIN, "GET", "/v2.1/servers/detail", null).valid("v2_16.servers", "list_servers_detail");

        // 2.19: description, null until set; update and rebuild take and show it
        Reply shown = at("2.19", token, "GET", path, null).valid("v2_19.servers", "get_server");
        GoldenSamples.assertMatches("2.19", "server-get", shown.body());
        assertThat(shown.json().at("/server/description").isNull()).isTrue();
        assertThat(at("2.18", token, "PUT", path, "{\"server\": {\"description\": \"d\"}}").status())
                .as("description is not a field before 2.19").isEqualTo(400);
        Reply updated = at("2.19", token, "PUT", path, "{\"server\": {\"description\": \"web front\"}}")
                .valid("v2_19.servers", "update_server");
        GoldenSamples.assertMatches("2.19", "server-update", updated.body());
        assertThat(updated.json().at("/server/description").asString()).isEqualTo("web front");
        assertThat(at("2.19", token, "PUT", path, "{\"server\": {\"description\": \"tab\\there\"}}").status())
                .isEqualTo(400);
        at("2.19", token, "GET", "/v2.1/servers/detail", null).valid("v2_19.servers", "list_servers_detail");
        assertThat(get(token, path).json().at("/server").has("description")).isFalse();

        // 2.17: trigger_crash_dump is Nova's answer for a driver without it; an unknown action before
        Reply dump = at("2.17", token, "POST", path + "/action", "{\"trigger_crash_dump\": null}");
        assertThat(dump.status()).isEqualTo(400);
        assertThat(dump.body()).contains("Triggering crash dump is not supported");
        assertThat(at("2.16", token, "POST", path + "/action", "{\"trigger_crash_dump\": null}").body())
                .contains("There is no such action: trigger_crash_dump");
        // 2.6: no console proxy runs, so no console type is available; the API itself is 2.6
        Reply console = at("2.6", token, "POST", path + "/remote-consoles",
                "{\"remote_console\": {\"protocol\": \"vnc\", \"type\": \"novnc\"}}");
        assertThat(console.status()).isEqualTo(400);
        assertThat(console.body()).contains("Unavailable console type novnc.");
        assertThat(at("2.7", token, "POST", path + "/remote-consoles",
                "{\"remote_console\": {\"protocol\": \"mks\", \"type\": \"webmks\"}}").status())
                .as("mks is 2.8").isEqualTo(400);
        assertThat(at("2.8", token, "POST", "/v2.1/servers/" + UUID.randomUUID() + "/remote-consoles",
                "{\"remote_console\": {\"protocol\": \"mks\", \"type\": \"webmks\"}}").status()).isEqualTo(404);
        assertThat(at("2.5", token, "POST", path + "/remote-consoles",
                "{\"remote_console\": {\"protocol\": \"vnc\", \"type\": \"novnc\"}}").status()).isEqualTo(404);
        assertThat(get(token, path + "/os-virtual-interfaces").body())
                .contains("Listing virtual interfaces is not supported by this cloud.");

        // 2.19 rebuild of a stopped server: the description given, and it stays SHUTOFF as in Nova
        post(token, path + "/action", "{\"os-stop\": null}");
        agent.succeeded(agent.next(PowerAction.class), "stop", PowerState.SHUTDOWN);
        awaitStatus(id, "SHUTOFF");
        Reply rebuilt = at("2.19", token, "POST", path + "/action", "{\"rebuild\": {\"imageRef\": \""
                + FakeImageService.IMAGE + "\", \"description\": null}}")
                .valid("v2_19.servers", "rebuild_server_with_admin_pass");
        GoldenSamples.assertMatches("2.19", "server-rebuild", rebuilt.body());
        assertThat(rebuilt.json().at("/server/description").isNull()).isTrue();
        RebuildInstance command = agent.next(RebuildInstance.class);
        assertThat(command.startsGuest()).as("a stopped server's guest is not started").isFalse();
        agent.succeeded(command, "rebuild", PowerState.SHUTDOWN);
        Reply after = awaitStatus(id, "SHUTOFF");
        assertThat(after.json().at("/server/OS-EXT-STS:vm_state").asString()).isEqualTo("stopped");
        assertThat(after.json().at("/server/OS-EXT-STS:power_state").asInt()).isEqualTo(4);

        // 2.21: the actions of a deleted server stay readable
        call(token, "DELETE", path, null);
        agent.succeeded(agent.next(DeleteInstance.class), "delete", PowerState.NOSTATE);
        for (int i = 0; i < 600 && get(token, path).status() != 404; i++) {
            Thread.sleep(100);
        }
        assertThat(at("2.20", token, "GET", path + "/os-instance-actions", null).status()).isEqualTo(404);
        Reply actions = at("2.21", token, "GET", path + "/os-instance-actions", null)
                .valid("v2_1.servers", "list_instance_actions");
        assertThat(actions.body()).contains("\"rebuild\"").contains("\"delete\"");
    }

    @Test
    void createTakesADescriptionFrom219AndIpFiltersFollow25() throws Exception {
        assertThat(at("2.18", token, "POST", "/v2.1/servers", "{\"server\": {\"name\": \"d\", \"imageRef\": \""
                + FakeImageService.IMAGE + "\", \"flavorRef\": \"" + flavor + "\", \"description\": \"x\"}}")
                .status()).isEqualTo(400);
        String id = bootActive("2.19", ", \"description\": \"from create\"");
        assertThat(at("2.19", token, "GET", "/v2.1/servers/" + id, null).json().at("/server/description")
                .asString()).isEqualTo("from create");
        // no network here, so no address: an ip filter keeps nothing, and ip6 is ignored for members before 2.5
        assertThat(get(token, "/v2.1/servers?ip=10.").json().get("servers").size()).isZero();
        assertThat(get(token, "/v2.1/servers?ip6=fd00").json().get("servers").size()).isEqualTo(1);
        assertThat(at("2.5", token, "GET", "/v2.1/servers?ip6=fd00", null).json().get("servers").size()).isZero();
        assertThat(get(token, "/v2.1/servers?ip=%5B").status()).isEqualTo(400);

        // OS-DCF:diskConfig is kept as asked (create, update, rebuild), MANUAL by default
        assertThat(get(token, "/v2.1/servers/" + id).json().at("/server/OS-DCF:diskConfig").asString())
                .isEqualTo("MANUAL");
        String auto = bootActive("2.1", ", \"OS-DCF:diskConfig\": \"AUTO\"");
        assertThat(get(token, "/v2.1/servers/" + auto).json().at("/server/OS-DCF:diskConfig").asString())
                .isEqualTo("AUTO");
        assertThat(call(token, "PUT", "/v2.1/servers/" + auto, "{\"server\": {\"OS-DCF:diskConfig\": \"MANUAL\"}}")
                .valid("v2_1.servers", "update_server").json().at("/server/OS-DCF:diskConfig").asString())
                .isEqualTo("MANUAL");
        Reply rebuilt = post(token, "/v2.1/servers/" + auto + "/action", "{\"rebuild\": {\"imageRef\": \""
                + FakeImageService.IMAGE + "\", \"OS-DCF:diskConfig\": \"AUTO\"}}")
                .valid("v2_1.servers", "rebuild_server_with_admin_pass");
        assertThat(rebuilt.json().at("/server/OS-DCF:diskConfig").asString()).isEqualTo("AUTO");
        assertThat(agent.next(RebuildInstance.class).startsGuest()).isTrue();
    }

    @Test
    void keypairsHaveATypeFrom22AndX509IsGeneratedOrImported() throws Exception {
        Reply old = post(token, "/v2.1/os-keypairs", "{\"keypair\": {\"name\": \"k21\"}}")
                .valid("v2_1.keypairs", "create_keypair");
        assertThat(old.json().at("/keypair").has("type")).isFalse();
        assertThat(post(token, "/v2.1/os-keypairs", "{\"keypair\": {\"name\": \"k\", \"type\": \"ssh\"}}").status())
                .as("type is 2.2").isEqualTo(400);
        Reply ssh = at("2.2", token, "POST", "/v2.1/os-keypairs", "{\"keypair\": {\"name\": \"k22\"}}")
                .valid("v2_2.keypairs", "create_keypair");
        assertThat(ssh.status()).isEqualTo(201);
        assertThat(ssh.json().at("/keypair/type").asString()).isEqualTo("ssh");
        Reply x509 = at("2.2", token, "POST", "/v2.1/os-keypairs", "{\"keypair\": {\"name\": \"win\","
                + " \"type\": \"x509\"}}").valid("v2_2.keypairs", "create_keypair");
        GoldenSamples.assertMatches("2.2", "keypair-create-x509", x509.body());
        String cert = x509.json().at("/keypair/public_key").asString();
        assertThat(cert).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(x509.json().at("/keypair/private_key").asString()).startsWith("-----BEGIN PRIVATE KEY-----");
        var parsed = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(cert.getBytes()));
        parsed.verify(parsed.getPublicKey());
        assertThat(x509.json().at("/keypair/fingerprint").asString()).as("SHA-1 of the DER, as Nova's")
                .isEqualTo(java.util.HexFormat.ofDelimiter(":").formatHex(
                        java.security.MessageDigest.getInstance("SHA-1").digest(parsed.getEncoded())));
        // the same certificate imported under another name has the same fingerprint
        Reply imported = at("2.2", token, "POST", "/v2.1/os-keypairs", "{\"keypair\": {\"name\": \"win2\","
                + " \"type\": \"x509\", \"public_key\": " + tools.jackson.databind.json.JsonMapper.builder().build()
                .writeValueAsString(cert) + "}}").valid("v2_2.keypairs", "create_keypair");
        assertThat(imported.json().at("/keypair/fingerprint").asString())
                .isEqualTo(x509.json().at("/keypair/fingerprint").asString());
        assertThat(at("2.2", token, "POST", "/v2.1/os-keypairs", "{\"keypair\": {\"name\": \"bad\","
                + " \"type\": \"x509\", \"public_key\": \"ssh-rsa AAAA\"}}").status()).isEqualTo(400);
        GoldenSamples.assertMatches("2.2", "keypair-show",
                at("2.2", token, "GET", "/v2.1/os-keypairs/win", null).valid("v2_2.keypairs", "get_keypair").body());
        Reply list = at("2.2", token, "GET", "/v2.1/os-keypairs", null).valid("v2_2.keypairs", "list_keypairs");
        assertThat(list.body()).contains("\"type\":\"ssh\"").contains("\"type\":\"x509\"");
        assertThat(get(token, "/v2.1/os-keypairs").body()).doesNotContain("\"type\"");
        assertThat(at("2.2", token, "DELETE", "/v2.1/os-keypairs/win", null).status()).isEqualTo(204);
        assertThat(call(token, "DELETE", "/v2.1/os-keypairs/win2", null).status()).isEqualTo(202);
        // 2.10: an admin names the user
        Reply forOther = at("2.10", ADMIN, "POST", "/v2.1/os-keypairs", "{\"keypair\": {\"name\": \"theirs\","
                + " \"user_id\": \"u-someone\"}}").valid("v2_2.keypairs", "create_keypair");
        assertThat(forOther.json().at("/keypair/user_id").asString()).isEqualTo("u-someone");
        assertThat(at("2.10", ADMIN, "GET", "/v2.1/os-keypairs/theirs?user_id=u-someone", null).status())
                .isEqualTo(200);
        assertThat(at("2.10", token, "POST", "/v2.1/os-keypairs", "{\"keypair\": {\"name\": \"x\","
                + " \"user_id\": \"u-someone\"}}").status()).isEqualTo(403);
    }

    @Test
    void servicesSayForcedDownFrom211AndGroupsTheirOwnersFrom213() throws Exception {
        Reply services = at("2.11", ADMIN, "GET", "/v2.1/os-services", null).valid("v2_11.services",
                "list_services");
        GoldenSamples.assertMatches("2.11", "services-list", services.body());
        assertThat(get(ADMIN, "/v2.1/os-services").valid("v2_1.services", "list_services").body())
                .doesNotContain("forced_down");
        Reply down = at("2.11", ADMIN, "PUT", "/v2.1/os-services/force-down", "{\"host\": \"" + agent.host
                + "\", \"binary\": \"nova-compute\", \"forced_down\": true}")
                .valid("v2_11.services", "update_forced_down");
        GoldenSamples.assertMatches("2.11", "service-force-down", down.body());
        assertThat(at("2.11", ADMIN, "GET", "/v2.1/os-services?host=" + agent.host, null).body())
                .contains("\"state\":\"down\"").contains("\"forced_down\":true");
        at("2.11", ADMIN, "PUT", "/v2.1/os-services/force-down", "{\"host\": \"" + agent.host
                + "\", \"binary\": \"nova-compute\", \"forced_down\": false}");
        assertThat(at("2.10", ADMIN, "PUT", "/v2.1/os-services/force-down", "{\"host\": \"" + agent.host
                + "\", \"binary\": \"nova-compute\"}").status()).isEqualTo(404);
        assertThat(at("2.11", token, "PUT", "/v2.1/os-services/force-down", "{\"host\": \"" + agent.host
                + "\", \"binary\": \"nova-compute\", \"forced_down\": true}").status()).isEqualTo(403);

        assertThat(at("2.14", token, "POST", "/v2.1/os-server-groups", "{\"server_group\": {\"name\": \"g\","
                + " \"policies\": [\"soft-affinity\"]}}").status()).as("soft policies are 2.15").isEqualTo(400);
        Reply group = at("2.15", token, "POST", "/v2.1/os-server-groups", "{\"server_group\": {\"name\": \"g\","
                + " \"policies\": [\"soft-affinity\"]}}").valid("v2_13.server_groups", "create_show_server_group");
        GoldenSamples.assertMatches("2.13", "server-group-create", group.body());
        String gid = group.json().at("/server_group/id").asString();
        assertThat(post(token, "/v2.1/os-server-groups", "{\"server_group\": {\"name\": \"h\", \"policies\":"
                + " [\"affinity\"]}}").valid("v2_1.server_groups", "create_show_server_group").body())
                .doesNotContain("project_id");
        at("2.13", token, "GET", "/v2.1/os-server-groups", null).valid("v2_13.server_groups", "list_server_groups");
        // soft policies weigh hosts before free RAM, and never refuse one
        try (FakeAgent big = registeredHost(16384)) {
            String anti = at("2.15", token, "POST", "/v2.1/os-server-groups", "{\"server_group\": {\"name\": \"a\","
                    + " \"policies\": [\"soft-anti-affinity\"]}}").json().at("/server_group/id").asString();
            assertThat(bootInto(gid, big)).as("the most free RAM first").isEqualTo(big.host);
            assertThat(bootInto(gid, big)).as("soft-affinity: with its member").isEqualTo(big.host);
            assertThat(bootInto(anti, big)).isEqualTo(big.host);
            assertThat(bootInto(anti, agent)).as("soft-anti-affinity: away from its member, though it has less RAM")
                    .isEqualTo(agent.host);
            assertThat(bootInto(anti, big)).as("then where fewer members are, and never refused")
                    .isEqualTo(big.host);
            jdbc.update("UPDATE compute_hosts SET disabled = TRUE WHERE host = ?", big.host);
        }
    }

    /** Boots into a group; the host it went to (the spawn command read from {@code expected}'s agent). */
    String bootInto(String group, FakeAgent expected) throws Exception {
        Reply r = post(token, "/v2.1/servers", "{\"server\": {\"name\": \"g\", \"imageRef\": \""
                + FakeImageService.IMAGE + "\", \"flavorRef\": \"" + flavor + "\"}, \"os:scheduler_hints\":"
                + " {\"group\": \"" + group + "\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        SpawnInstance spawn = expected.next(SpawnInstance.class);
        expected.succeeded(spawn, "spawn", PowerState.RUNNING);
        return spawn.host();
    }
}
