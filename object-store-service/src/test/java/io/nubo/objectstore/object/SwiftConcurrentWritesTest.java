package io.nubo.objectstore.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nubo.objectstore.api.SwiftApiTestBase;
import io.nubo.testsupport.TestTokens;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Concurrent writes of one object: a metadata POST or a PUT that read a row a concurrent PUT has since replaced must
 * not write back the replaced blob key (whose bytes are deleted after the replacement commits): the object would
 * name bytes that are gone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=object-store-service")
@Import(TestTokens.Keys.class)
class SwiftConcurrentWritesTest extends SwiftApiTestBase {

    static final String OWNER = TestTokens.project("p-race", "member");
    static final String A = "/v1/AUTH_p-race";

    @Autowired
    ObjectRepository objects;

    @Test
    void aRowReadBeforeAReplacementCannotBeWrittenBack() throws Exception {
        assertThat(call("PUT", A + "/stale", OWNER, null).statusCode()).isIn(201, 202);
        assertThat(call("PUT", A + "/stale/o", OWNER, "first").statusCode()).isEqualTo(201);
        ObjectEntity stale = objects.findAll().stream().filter(o -> o.getName().equals("o")
                && o.getSizeBytes() == 5).findFirst().orElseThrow();
        assertThat(call("PUT", A + "/stale/o", OWNER, "second!").statusCode()).isEqualTo(201);
        stale.setContentType("text/stale");
        assertThatThrownBy(() -> objects.saveAndFlush(stale)).isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(call("GET", A + "/stale/o", OWNER, null).body()).isEqualTo("second!");
    }

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void concurrentDeletesOfOneObjectDeleteItOnceWithOneUsageEvent() throws Exception {
        assertThat(call("PUT", A + "/twice", OWNER, null).statusCode()).isIn(201, 202);
        for (int round = 0; round < 5; round++) {
            String name = "deleted-once-" + round + "-" + java.util.UUID.randomUUID();
            assertThat(call("PUT", A + "/twice/" + name, OWNER, "bytes").statusCode()).isEqualTo(201);
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<Integer>> deletes = new java.util.ArrayList<>();
            for (int t = 0; t < 6; t++) {
                deletes.add(pool.submit(() -> call("DELETE", A + "/twice/" + name, OWNER, null).statusCode()));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (Future<Integer> f : deletes) {
                statuses.add(f.get());
            }
            pool.shutdown();
            assertThat(statuses).as("round %d", round).containsOnly(204, 404).containsOnlyOnce(204);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM nubo_outbox WHERE envelope LIKE ? AND envelope LIKE ?",
                    Integer.class, "%\"object\":\"" + name + "\"%", "%object.deleted%"))
                    .as("usage events of the delete").isEqualTo(1);
        }
    }

    @Test
    void postsAndPutsRacingOnOneObjectNeverLoseItsBytes() throws Exception {
        assertThat(call("PUT", A + "/race", OWNER, null).statusCode()).isIn(201, 202);
        assertThat(call("PUT", A + "/race/o", OWNER, "body-0").statusCode()).isEqualTo(201);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                boolean putter = t % 2 == 0;
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 60; i++) {
                        HttpResponse<String> r = putter
                                ? call("PUT", A + "/race/o", OWNER, "body-" + thread + "-" + i)
                                : call("POST", A + "/race/o", OWNER, null, "X-Object-Meta-N", thread + "-" + i);
                        statuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(statuses.keySet()).as("statuses %s", statuses).containsOnly(201, 202);
        HttpResponse<String> r = call("GET", A + "/race/o", OWNER, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).as("the object's bytes are those of one of the PUTs").matches("body-[02]-[0-9]+");
    }
}
