package io.nubo.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.compute.ComputeCommand;
import io.nubo.shared.events.compute.PowerState;
import io.nubo.shared.events.compute.SpawnInstance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Placement over several hosts registered by HostStatus events, concurrent boots that must not overcommit any
 * host, concurrent actions of which one wins, and the admin views of hosts (hypervisors, services, zones, usage).
 */
@org.junit.jupiter.api.Tag("integration")
class SchedulingAndHostsApiTest extends ComputeHttpTest {

    @Autowired
    EventCodec codec;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JdbcTemplate jdbc;

    private void awaitHost(String host) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM compute_hosts WHERE host = ?", Integer.class, host);
            if (n != null && n > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("host " + host + " never registered");
    }

    private String status(String token, String id) throws Exception {
        return get(token, "/v2.1/servers/" + id).json().at("/server/status").asString();
    }

    @Test
    void concurrentBootsSpreadOverHostsNeverOvercommitAndOneOfConcurrentActionsWins() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        // leave only this test's hosts enabled
        jdbc.update("UPDATE compute_hosts SET disabled = TRUE");
        try (FakeAgent h1 = new FakeAgent("a-" + tag, codec, kafka); FakeAgent h2 = new FakeAgent("b-" + tag, codec,
                kafka); FakeAgent h3 = new FakeAgent("c-" + tag, codec, kafka)) {
            h1.heartbeat(2, 2048, 50);
            h2.heartbeat(2, 2048, 50);
            h3.heartbeat(16, 65536, 500);
            awaitHost(h1.host);
            awaitHost(h2.host);
            awaitHost(h3.host);
            Reply disabled = call(ADMIN, "PUT", "/v2.1/os-services/disable-log-reason", "{\"host\": \"" + h3.host
                    + "\", \"binary\": \"nova-compute\", \"disabled_reason\": \"maintenance\"}")
                    .valid("v2_1.services", "disable_log_reason");
            assertThat(disabled.json().at("/service/status").asString()).isEqualTo("disabled");

            String project = "pp-" + tag;
            String token = member(project);
            String flavor = "fs-" + tag;
            post(ADMIN, "/v2.1/flavors", "{\"flavor\": {\"name\": \"" + flavor + "\", \"id\": \"" + flavor
                    + "\", \"ram\": 512, \"vcpus\": 1, \"disk\": 1}}");
            call(ADMIN, "PUT", "/v2.1/os-quota-sets/" + project, "{\"quota_set\": {\"instances\": 50, \"cores\": 50}}");

            ExecutorService pool = Executors.newFixedThreadPool(12);
            List<Future<Reply>> boots = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String body = "{\"server\": {\"name\": \"c" + i + "\", \"imageRef\": \"" + FakeImageService.IMAGE
                        + "\", \"flavorRef\": \"" + flavor + "\"}}";
                boots.add(pool.submit(() -> post(token, "/v2.1/servers", body)));
            }
            List<String> ids = new ArrayList<>();
            for (Future<Reply> f : boots) {
                Reply r = f.get();
                assertThat(r.status()).as(r.body()).isEqualTo(202);
                ids.add(r.json().at("/server/id").asString());
            }
            Map<String, Integer> statuses = new HashMap<>();
            String noValidHost = null;
            for (String id : ids) {
                String s = status(token, id);
                statuses.merge(s, 1, Integer::sum);
                if (s.equals("ERROR")) {
                    noValidHost = get(ADMIN, "/v2.1/servers/" + id).json().at("/server/fault/message").asString();
                }
            }
            // 2048 MiB per host at a RAM ratio of 1.0 hold four 512 MiB instances each: 8 placed, 4 refused
            assertThat(statuses).containsEntry("BUILD", 8).containsEntry("ERROR", 4);
            assertThat(noValidHost).startsWith("No valid host was found.").contains(h3.host + " is disabled (maintenance)")
                    .contains(h1.host + " lacks 512 MiB RAM").contains(h2.host + " lacks 512 MiB RAM");
            for (String h : List.of(h1.host, h2.host)) {
                assertThat(jdbc.queryForObject("SELECT memory_mb_claimed FROM compute_hosts WHERE host = ?",
                        Long.class, h)).isEqualTo(2048L);
            }

            // spawn one on h1, then eight concurrent os-stop requests: exactly one wins
            SpawnInstance spawn = h1.next(SpawnInstance.class);
            h1.succeeded(spawn, "spawn", PowerState.RUNNING);
            for (int i = 0; i < 600 && !status(token, spawn.instanceId()).equals("ACTIVE"); i++) {
                Thread.sleep(100);
            }
            List<Future<Integer>> stops = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                stops.add(pool.submit(() -> post(token, "/v2.1/servers/" + spawn.instanceId() + "/action",
                        "{\"os-stop\": null}").status()));
            }
            int won = 0;
            for (Future<Integer> f : stops) {
                int s = f.get();
                assertThat(s).isIn(202, 409);
                won += s == 202 ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
            pool.shutdown();

            // the admin views of hosts
            Reply hypervisors = get(ADMIN, "/v2.1/os-hypervisors/detail")
                    .valid("v2_1.hypervisors", "list_hypervisors_detail");
            assertThat(hypervisors.body()).contains(h1.host).contains(h2.host);
            get(ADMIN, "/v2.1/os-hypervisors").valid("v2_1.hypervisors", "list_search_hypervisors");
            get(ADMIN, "/v2.1/os-hypervisors/statistics").valid("v2_1.hypervisors", "get_hypervisor_statistics");
            long id = hypervisors.json().get("hypervisors").get(0).get("id").asLong();
            get(ADMIN, "/v2.1/os-hypervisors/" + id).valid("v2_1.hypervisors", "get_hypervisor");
            assertThat(get(ADMIN, "/v2.1/os-hypervisors/" + id + "/uptime").body()).contains("notImplemented");
            get(ADMIN, "/v2.1/os-hypervisors/" + h1.host + "/search").valid("v2_1.hypervisors",
                    "list_search_hypervisors");
            assertThat(get(token, "/v2.1/os-hypervisors").status()).isEqualTo(403);
            Reply services = get(ADMIN, "/v2.1/os-services?binary=nova-compute").valid("v2_1.services",
                    "list_services");
            assertThat(services.body()).contains("\"maintenance\"");
            call(ADMIN, "PUT", "/v2.1/os-services/enable", "{\"host\": \"" + h3.host
                    + "\", \"binary\": \"nova-compute\"}").valid("v2_1.services", "enable_disable_service");
            get(token, "/v2.1/os-availability-zone").valid("v2_1.availability_zone", "list_availability_zone_list");
            Reply zones = get(ADMIN, "/v2.1/os-availability-zone/detail").valid("v2_1.availability_zone",
                    "list_availability_zone_list_detail");
            assertThat(zones.body()).contains("\"nova\"").contains(h3.host);
            // an aggregate with a zone moves its host there: boots into that zone land on it
            Reply agg = post(ADMIN, "/v2.1/os-aggregates", "{\"aggregate\": {\"name\": \"agg-" + tag
                    + "\", \"availability_zone\": \"z-" + tag + "\"}}").valid("v2_1.aggregates", "create_aggregate");
            long aggId = agg.json().at("/aggregate/id").asLong();
            post(ADMIN, "/v2.1/os-aggregates/" + aggId + "/action", "{\"add_host\": {\"host\": \"" + h3.host
                    + "\"}}").valid("v2_1.aggregates", "aggregate_add_remove_host");
            post(ADMIN, "/v2.1/os-aggregates/" + aggId + "/action", "{\"set_metadata\": {\"metadata\": "
                    + "{\"ssd\": \"true\"}}}").valid("v2_1.aggregates", "aggregate_set_metadata");
            get(ADMIN, "/v2.1/os-aggregates").valid("v2_1.aggregates", "list_aggregates");
            assertThat(get(token, "/v2.1/os-aggregates").status()).isEqualTo(403);
            Reply zoned = post(token, "/v2.1/servers", "{\"server\": {\"name\": \"z\", \"imageRef\": \""
                    + FakeImageService.IMAGE + "\", \"flavorRef\": \"" + flavor + "\", \"availability_zone\": \"z-"
                    + tag + "\"}}");
            assertThat(zoned.status()).as(zoned.body()).isEqualTo(202);
            Reply placed = get(ADMIN, "/v2.1/servers/" + zoned.json().at("/server/id").asString());
            assertThat(placed.json().at("/server/OS-EXT-SRV-ATTR:host").asString()).isEqualTo(h3.host);
            assertThat(placed.json().at("/server/OS-EXT-AZ:availability_zone").asString()).isEqualTo("z-" + tag);
            assertThat(post(token, "/v2.1/servers", "{\"server\": {\"name\": \"z\", \"imageRef\": \""
                    + FakeImageService.IMAGE + "\", \"flavorRef\": \"" + flavor
                    + "\", \"availability_zone\": \"nowhere\"}}").status()).isEqualTo(400);
            post(ADMIN, "/v2.1/os-aggregates/" + aggId + "/action", "{\"remove_host\": {\"host\": \"" + h3.host
                    + "\"}}").valid("v2_1.aggregates", "aggregate_add_remove_host");
            assertThat(call(ADMIN, "DELETE", "/v2.1/os-aggregates/" + aggId, null).status()).isEqualTo(200);
            drain(h3);

            String window = "?start=2020-01-01T00:00:00&end=2099-01-01T00:00:00";
            Reply usage = get(token, "/v2.1/os-simple-tenant-usage/" + project + window)
                    .valid("v2_1.tenant_usages", "get_tenant_usage");
            assertThat(usage.json().at("/tenant_usage/server_usages").size()).isEqualTo(13);
            get(ADMIN, "/v2.1/os-simple-tenant-usage/nobody" + window).valid("v2_1.tenant_usages", "get_tenant_usage");
            get(ADMIN, "/v2.1/os-simple-tenant-usage" + window + "&detailed=1")
                    .valid("v2_1.tenant_usages", "list_tenant_usage");
            assertThat(get(token, "/v2.1/os-simple-tenant-usage" + window).status()).isEqualTo(403);
            Reply reversed = get(ADMIN, "/v2.1/os-simple-tenant-usage/" + project
                    + "?start=2099-01-01T00:00:00&end=2020-01-01T00:00:00");
            assertThat(reversed.status()).as("Nova: the start cannot occur after the end").isEqualTo(400);
            assertThat(reversed.body()).contains("badRequest");
            assertThat(get(ADMIN, "/v2.1/os-simple-tenant-usage?end=2020-01-01T00:00:00").status()).isEqualTo(400);
            assertThat(get(ADMIN, "/v2.1/os-simple-tenant-usage").status()).as("no window: now, empty").isEqualTo(200);
            drain(h1);
            drain(h2);
        } finally {
            jdbc.update("UPDATE compute_hosts SET disabled = TRUE WHERE host LIKE ?", "%-" + tag);
        }
    }

    @Test
    void serverGroupsKeepAntiAffinityMembersApartAndAffinityMembersTogether() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        jdbc.update("UPDATE compute_hosts SET disabled = TRUE");
        try (FakeAgent h1 = new FakeAgent("ga-" + tag, codec, kafka); FakeAgent h2 = new FakeAgent("gb-" + tag,
                codec, kafka)) {
            h1.heartbeat(8, 16384, 100);
            h2.heartbeat(8, 16384, 100);
            awaitHost(h1.host);
            awaitHost(h2.host);
            String project = "pg-" + tag;
            String token = member(project);
            String flavor = "fg-" + tag;
            post(ADMIN, "/v2.1/flavors", "{\"flavor\": {\"name\": \"" + flavor + "\", \"id\": \"" + flavor
                    + "\", \"ram\": 512, \"vcpus\": 1, \"disk\": 1}}");
            Reply anti = post(token, "/v2.1/os-server-groups", "{\"server_group\": {\"name\": \"apart\","
                    + " \"policies\": [\"anti-affinity\"]}}").valid("v2_1.server_groups", "create_show_server_group");
            String antiId = anti.json().at("/server_group/id").asString();
            Reply together = post(token, "/v2.1/os-server-groups", "{\"server_group\": {\"name\": \"together\","
                    + " \"policies\": [\"affinity\"]}}");
            String affId = together.json().at("/server_group/id").asString();
            assertThat(post(token, "/v2.1/os-server-groups", "{\"server_group\": {\"name\": \"x\","
                    + " \"policies\": [\"spread\"]}}").status()).isEqualTo(400);

            String boot = "{\"server\": {\"name\": \"g\", \"imageRef\": \"" + FakeImageService.IMAGE
                    + "\", \"flavorRef\": \"" + flavor + "\", \"min_count\": 3}, \"os:scheduler_hints\": "
                    + "{\"group\": \"GROUP\"}}";
            assertThat(post(token, "/v2.1/servers", boot.replace("GROUP", antiId)).status()).isEqualTo(202);
            Reply members = get(token, "/v2.1/os-server-groups/" + antiId)
                    .valid("v2_1.server_groups", "create_show_server_group");
            assertThat(members.json().at("/server_group/members").size()).isEqualTo(3);
            List<String> hosts = new ArrayList<>();
            int errors = 0;
            for (var m : members.json().at("/server_group/members")) {
                Reply s = get(ADMIN, "/v2.1/servers/" + m.asString());
                if (s.json().at("/server/status").asString().equals("ERROR")) {
                    errors++;
                    assertThat(s.json().at("/server/fault/message").asString())
                            .contains("already runs a member of the anti-affinity group");
                } else {
                    hosts.add(s.json().at("/server/OS-EXT-SRV-ATTR:host").asString());
                }
            }
            assertThat(errors).isEqualTo(1);
            assertThat(hosts).containsExactlyInAnyOrder(h1.host, h2.host);

            assertThat(post(token, "/v2.1/servers", boot.replace("GROUP", affId)).status()).isEqualTo(202);
            List<String> affHosts = new ArrayList<>();
            for (var m : get(token, "/v2.1/os-server-groups/" + affId).json().at("/server_group/members")) {
                affHosts.add(get(ADMIN, "/v2.1/servers/" + m.asString()).json().at("/server/OS-EXT-SRV-ATTR:host")
                        .asString());
            }
            assertThat(affHosts).hasSize(3).containsOnly(affHosts.get(0));
            get(token, "/v2.1/os-server-groups").valid("v2_1.server_groups", "list_server_groups");
            assertThat(get(member("other"), "/v2.1/os-server-groups/" + antiId).status()).isEqualTo(404);
            assertThat(call(token, "DELETE", "/v2.1/os-server-groups/" + affId, null).status()).isEqualTo(204);
            drain(h1);
            drain(h2);
        } finally {
            jdbc.update("UPDATE compute_hosts SET disabled = TRUE WHERE host LIKE ?", "%-" + tag);
        }
    }

    private static void drain(FakeAgent agent) throws InterruptedException {
        ComputeCommand c;
        do {
            c = agent.poll(100);
        } while (c != null);
    }
}
