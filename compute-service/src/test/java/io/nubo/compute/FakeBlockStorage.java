package io.nubo.compute;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Cinder v3 stand-in on loopback for the calls compute makes to attach volumes: {@code GET} a volume and the
 * pre-3.27 attach actions, with Cinder's status rules for each (os-reserve only from available, and so on) and its
 * fault body. It records every action with the token it came with, so a test can check the order and that the
 * caller's own token was used.
 */
final class FakeBlockStorage implements AutoCloseable {

    record Call(String volumeId, String action, String token, JsonNode args) {
    }

    final Map<String, String> status = new ConcurrentHashMap<>();
    /** volumes whose {@code bootable} is "false" (Cinder's string); every other volume says "true" */
    final java.util.Set<String> notBootable = ConcurrentHashMap.newKeySet();
    final Map<String, String> snapshots = new ConcurrentHashMap<>();
    /** the bodies of volume creates, by the new volume's id */
    final Map<String, JsonNode> created = new ConcurrentHashMap<>();
    /** volumes created with this status become available at their second GET (block storage still copying) */
    volatile String createdStatus = "creating";
    final List<Call> calls = new CopyOnWriteArrayList<>();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpServer server;

    FakeBlockStorage() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v3/", this::handle);
        server.start();
    }

    private void handle(HttpExchange x) throws IOException {
        String[] parts = x.getRequestURI().getPath().split("/");
        // /v3/{project}/volumes/{id}[/action]
        String id = parts.length > 4 ? parts[4] : "";
        if (parts.length > 3 && parts[3].equals("snapshots")) {
            String snap = snapshots.get(id);
            if (snap == null) {
                reply(x, 404, "{\"itemNotFound\": {\"code\": 404, \"message\": \"Snapshot " + id
                        + " could not be found.\"}}");
            } else {
                reply(x, 200, "{\"snapshot\": {\"id\": \"" + id + "\", \"status\": \"" + snap
                        + "\", \"size\": 1}}");
            }
            return;
        }
        if (parts.length == 4 && x.getRequestMethod().equals("POST")) {
            JsonNode body = JSON.readTree(x.getRequestBody().readAllBytes());
            String newId = java.util.UUID.randomUUID().toString();
            created.put(newId, body.get("volume"));
            calls.add(new Call(newId, "create", x.getRequestHeaders().getFirst("X-Auth-Token"), body.get("volume")));
            status.put(newId, createdStatus);
            reply(x, 202, "{\"volume\": {\"id\": \"" + newId + "\", \"status\": \"creating\", \"size\": "
                    + body.path("volume").path("size").asInt(1) + "}}");
            return;
        }
        String current = status.get(id);
        if (current == null) {
            reply(x, 404, "{\"itemNotFound\": {\"code\": 404, \"message\": \"Volume " + id + " could not be found.\"}}");
            return;
        }
        if (x.getRequestMethod().equals("DELETE")) {
            calls.add(new Call(id, "delete", x.getRequestHeaders().getFirst("X-Auth-Token"), null));
            if (!current.equals("available") && !current.equals("error")) {
                reply(x, 400, "{\"badRequest\": {\"code\": 400, \"message\": \"Invalid volume: Volume status must"
                        + " be available or error, but current status is: " + current + ".\"}}");
                return;
            }
            status.put(id, "deleted");
            reply(x, 202, "");
            return;
        }
        if (x.getRequestMethod().equals("GET")) {
            if (current.equals("creating")) {
                status.put(id, "available");
            }
            reply(x, 200, "{\"volume\": {\"id\": \"" + id + "\", \"status\": \"" + current + "\", \"size\": 1,"
                    + " \"bootable\": \"" + !notBootable.contains(id) + "\"}}");
            return;
        }
        JsonNode body = JSON.readTree(x.getRequestBody().readAllBytes());
        String action = body.properties().iterator().next().getKey();
        calls.add(new Call(id, action, x.getRequestHeaders().getFirst("X-Auth-Token"), body.get(action)));
        String next = switch (action) {
            case "os-reserve" -> current.equals("available") ? "attaching" : null;
            case "os-unreserve" -> current.equals("attaching") ? "available" : null;
            case "os-attach" -> current.equals("attaching") ? "in-use" : null;
            case "os-begin_detaching" -> current.equals("in-use") ? "detaching" : null;
            case "os-roll_detaching" -> current.equals("detaching") ? "in-use" : null;
            case "os-detach" -> current.equals("in-use") || current.equals("detaching") ? "available" : null;
            default -> current;
        };
        if (next == null) {
            reply(x, 400, "{\"badRequest\": {\"code\": 400, \"message\": \"Invalid volume: " + action
                    + " is not allowed while the volume is " + current + ".\"}}");
            return;
        }
        status.put(id, next);
        if (action.equals("os-initialize_connection")) {
            reply(x, 200, "{\"connection_info\": {\"driver_volume_type\": \"rbd\", \"data\": {\"name\":"
                    + " \"volumes/volume-" + id + "\", \"hosts\": [\"10.0.0.1\", \"10.0.0.2\"], \"ports\": [\"6789\","
                    + " \"6789\"], \"auth_enabled\": true, \"auth_username\": \"cinder\", \"secret_uuid\": \"u-1\","
                    + " \"access_mode\": \"rw\"}}}");
        } else {
            reply(x, 202, "");
        }
    }

    List<String> actions(String volumeId) {
        return calls.stream().filter(c -> c.volumeId().equals(volumeId)).map(Call::action).toList();
    }

    private static void reply(HttpExchange x, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            x.getResponseBody().write(bytes);
        }
        x.close();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
