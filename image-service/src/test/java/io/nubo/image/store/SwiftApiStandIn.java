package io.nubo.image.store;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The part of the Swift API (and Keystone's token call) that {@link SwiftImageStore} uses, in memory, following the
 * Swift API reference: containers, objects with chunked PUT, {@code X-Copy-From}, static large object manifests
 * ({@code multipart-manifest=put/delete}), ranged GET, prefix listing. It exists only until Nubo's own object store
 * serves the Swift API; the same contract test then runs against the real service.
 */
final class SwiftApiStandIn implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ACCOUNT = "/v1/AUTH_images";

    private final HttpServer server;
    final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    final Map<String, String> manifests = new ConcurrentHashMap<>();
    private final Map<String, Boolean> containers = new ConcurrentHashMap<>();

    SwiftApiStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String authUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v3";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getRawPath();
            String query = x.getRequestURI().getRawQuery() == null ? "" : x.getRequestURI().getRawQuery();
            if (path.equals("/v3/auth/tokens")) {
                auth(x);
                return;
            }
            if (!"tok".equals(x.getRequestHeaders().getFirst("X-Auth-Token")) || !path.startsWith(ACCOUNT + "/")) {
                reply(x, 401, new byte[0]);
                return;
            }
            String name = java.net.URLDecoder.decode(path.substring(ACCOUNT.length() + 1), StandardCharsets.UTF_8);
            boolean isContainer = !name.contains("/");
            switch (x.getRequestMethod()) {
                case "PUT" -> {
                    if (isContainer) {
                        reply(x, containers.putIfAbsent(name, true) == null ? 201 : 202, new byte[0]);
                    } else {
                        put(x, name, query);
                    }
                }
                case "GET" -> {
                    if (isContainer) {
                        String prefix = query.startsWith("prefix=") ? java.net.URLDecoder.decode(query.substring(7),
                                StandardCharsets.UTF_8) : "";
                        StringBuilder sb = new StringBuilder();
                        new TreeMap<>(objects).keySet().stream().filter(k -> k.startsWith(name + "/" + prefix))
                                .forEach(k -> sb.append(k.substring(name.length() + 1)).append('\n'));
                        reply(x, 200, sb.toString().getBytes(StandardCharsets.UTF_8));
                    } else {
                        get(x, name);
                    }
                }
                case "HEAD" -> {
                    x.sendResponseHeaders(objects.containsKey(name) || manifests.containsKey(name) ? 200 : 404, -1);
                }
                case "DELETE" -> {
                    boolean had = objects.remove(name) != null;
                    String manifest = manifests.remove(name);
                    if (manifest != null && query.contains("multipart-manifest=delete")) {
                        for (JsonNode s : JSON.readTree(manifest)) {
                            objects.remove(s.get("path").asString().substring(1));
                        }
                    }
                    reply(x, had || manifest != null ? 204 : 404, new byte[0]);
                }
                default -> reply(x, 405, new byte[0]);
            }
        }
    }

    private void auth(HttpExchange x) throws IOException {
        x.getRequestBody().readAllBytes();
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + ACCOUNT;
        String body = "{\"token\": {\"expires_at\": \"2999-01-01T00:00:00.000000Z\", \"catalog\": [{\"type\": "
                + "\"object-store\", \"endpoints\": [{\"interface\": \"public\", \"region\": \"RegionOne\", "
                + "\"region_id\": \"RegionOne\", \"url\": \"" + base + "\"}]}]}}";
        x.getResponseHeaders().add("X-Subject-Token", "tok");
        reply(x, 201, body.getBytes(StandardCharsets.UTF_8));
    }

    private void put(HttpExchange x, String name, String query) throws IOException {
        String container = name.substring(0, name.indexOf('/'));
        if (!containers.containsKey(container)) {
            reply(x, 404, new byte[0]);
            return;
        }
        byte[] body;
        try (InputStream in = x.getRequestBody()) {
            body = in.readAllBytes();   // a broken chunked body throws here: nothing is stored
        }
        String copyFrom = x.getRequestHeaders().getFirst("X-Copy-From");
        if (copyFrom != null) {
            byte[] src = objects.get(copyFrom.substring(1));
            if (src == null) {
                reply(x, 404, new byte[0]);
                return;
            }
            objects.put(name, src);
        } else if (query.contains("multipart-manifest=put")) {
            for (JsonNode s : JSON.readTree(body)) {
                byte[] seg = objects.get(s.get("path").asString().substring(1));
                if (seg == null || seg.length != s.get("size_bytes").asLong() || !md5(seg).equals(s.get("etag").asString())) {
                    reply(x, 400, new byte[0]);
                    return;
                }
            }
            manifests.put(name, new String(body, StandardCharsets.UTF_8));
        } else {
            objects.put(name, body);
            x.getResponseHeaders().add("Etag", md5(body));
        }
        reply(x, 201, new byte[0]);
    }

    private void get(HttpExchange x, String name) throws IOException {
        byte[] data = objects.get(name);
        if (data == null && manifests.containsKey(name)) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (JsonNode s : JSON.readTree(manifests.get(name))) {
                all.write(objects.get(s.get("path").asString().substring(1)));
            }
            data = all.toByteArray();
        }
        if (data == null) {
            reply(x, 404, new byte[0]);
            return;
        }
        String range = x.getRequestHeaders().getFirst("Range");
        if (range == null) {
            reply(x, 200, data);
            return;
        }
        String[] ab = range.substring("bytes=".length()).split("-", -1);
        int first = Integer.parseInt(ab[0]);
        int last = ab[1].isEmpty() ? data.length - 1 : Math.min(Integer.parseInt(ab[1]), data.length - 1);
        if (first >= data.length) {
            reply(x, 416, new byte[0]);
            return;
        }
        reply(x, 206, java.util.Arrays.copyOfRange(data, first, last + 1));
    }

    private static void reply(HttpExchange x, int status, byte[] body) throws IOException {
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String md5(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
