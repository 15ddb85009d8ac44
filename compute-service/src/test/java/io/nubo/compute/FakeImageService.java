package io.nubo.compute;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Glance v2 stand-in on loopback, for the calls the compute API makes: {@code GET /v2/images/{id}} (known ids,
 * and the snapshot records made here, are active images), {@code POST /v2/images} (a snapshot's record) and
 * {@code DELETE}. It records the tokens it was sent, so
 * a test can check that the caller's own token was forwarded.
 */
final class FakeImageService implements AutoCloseable {

    static final String IMAGE = "11111111-2222-3333-4444-555555555555";
    static final String BIG_IMAGE = "99999999-2222-3333-4444-555555555555";

    private static final String TIMES = "\"created_at\": \"2026-12-01T10:00:00Z\", \"updated_at\": \"2026-12-01T10:00:01Z\"";
    static final String CIRROS = "{\"id\": \"" + IMAGE + "\", \"name\": \"cirros\", \"status\": \"active\", \"disk_format\":"
            + " \"qcow2\", \"container_format\": \"bare\", \"size\": 21430272, \"min_disk\": 0,"
            + " \"min_ram\": 0, \"os_hash_algo\": \"sha512\", \"os_hash_value\": \"ab\","
            + " \"hw_disk_bus\": \"virtio\", \"visibility\": \"public\", " + TIMES + "}";
    static final String BIG = "{\"id\": \"" + BIG_IMAGE + "\", \"name\": \"big\", \"status\": \"active\", \"disk_format\":"
            + " \"raw\", \"container_format\": \"bare\", \"size\": 1, \"min_disk\": 50, \"min_ram\": 0,"
            + " \"instance_uuid\": \"srv-1\", \"image_type\": \"snapshot\", " + TIMES + "}";

    final List<String> tokens = new CopyOnWriteArrayList<>();
    final Map<String, String> created = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());
    final List<String> deleted = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    FakeImageService() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v2/images", x -> {
            tokens.add(String.valueOf(x.getRequestHeaders().getFirst("X-Auth-Token")));
            String path = x.getRequestURI().getPath();
            String body;
            int status;
            if (x.getRequestMethod().equals("POST")) {
                String id = UUID.randomUUID().toString();
                created.put(id, new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                status = 201;
                body = "{\"id\": \"" + id + "\", \"status\": \"queued\"}";
            } else if (x.getRequestMethod().equals("DELETE")) {
                String id = path.substring(path.lastIndexOf('/') + 1);
                status = created.remove(id) != null ? 204 : 404;
                deleted.add(id);
                body = "";
            } else if (path.equals("/v2/images") && String.valueOf(x.getRequestURI().getQuery())
                    .contains("image_type=backup")) {
                // createBackup's rotation: the records made here with the query's properties, oldest first
                String q = x.getRequestURI().getQuery();
                List<String> found = new java.util.ArrayList<>();
                synchronized (created) {
                    created.forEach((id, json) -> {
                        var n = tools.jackson.databind.json.JsonMapper.builder().build().readTree(json);
                        if ("backup".equals(n.path("image_type").asString()) && q.contains("instance_uuid="
                                + n.path("instance_uuid").asString()) && q.contains("backup_type="
                                + n.path("backup_type").asString())) {
                            found.add("{\"id\": \"" + id + "\", \"name\": \"" + n.path("name").asString() + "\"}");
                        }
                    });
                }
                status = 200;
                body = "{\"images\": [" + String.join(", ", found) + "]}";
            } else if (path.equals("/v2/images")) {
                status = 200;
                body = "{\"images\": [" + CIRROS + ", " + BIG + "], \"first\": \"/v2/images\"}";
            } else if (created.containsKey(path.substring(path.lastIndexOf('/') + 1))) {
                // a snapshot's record, as the image service has it once the agent uploaded into it
                String id = path.substring(path.lastIndexOf('/') + 1);
                var n = tools.jackson.databind.json.JsonMapper.builder().build().readTree(created.get(id));
                status = 200;
                body = "{\"id\": \"" + id + "\", \"name\": \"" + n.path("name").asString() + "\", \"status\":"
                        + " \"active\", \"disk_format\": \"qcow2\", \"container_format\": \"bare\", \"size\": 1024,"
                        + " \"min_disk\": 0, \"min_ram\": 0, \"image_type\": \"snapshot\", " + TIMES + "}";
            } else if (path.endsWith("/" + IMAGE)) {
                status = 200;
                body = CIRROS;
            } else if (path.endsWith("/" + BIG_IMAGE)) {
                status = 200;
                body = BIG;
            } else {
                status = 404;
                body = "<html>404 Not Found</html>";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            x.getResponseBody().write(bytes);
            x.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
