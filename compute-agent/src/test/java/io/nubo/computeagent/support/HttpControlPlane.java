package io.nubo.computeagent.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The little of Keystone and Glance a real agent process uses, over HTTP: a token for the agent's account and
 * image files by id, served from files on disk (so whole agents, with their own HTTP clients, run in a test).
 */
public final class HttpControlPlane implements AutoCloseable {

    public static final String PASSWORD = "s3cret";
    private static final String TOKEN = "tok-agent";

    private final HttpServer server;
    private final Map<String, Path> images = new ConcurrentHashMap<>();

    public HttpControlPlane(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/identity/v3/auth/tokens", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes());
            ex.getResponseHeaders().add("X-Subject-Token", TOKEN);
            byte[] out = "{\"token\":{\"expires_at\":\"2099-01-01T00:00:00Z\"}}".getBytes();
            ex.sendResponseHeaders(body.contains("\"" + PASSWORD + "\"") ? 201 : 401, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.createContext("/image/v2/images/", ex -> {
            String path = ex.getRequestURI().getPath();
            String id = path.substring("/image/v2/images/".length()).replaceFirst("/file$", "");
            Path file = images.get(id);
            boolean authorised = TOKEN.equals(ex.getRequestHeaders().getFirst("X-Auth-Token"));
            if (!authorised || file == null) {
                ex.sendResponseHeaders(authorised ? 404 : 401, -1);
                ex.close();
                return;
            }
            if (!path.endsWith("/file")) {
                byte[] out = ("{\"id\":\"" + id + "\",\"status\":\"active\",\"size\":" + Files.size(file)
                        + ",\"os_hash_algo\":\"sha512\",\"os_hash_value\":\"" + sha512(file) + "\"}").getBytes();
                ex.sendResponseHeaders(200, out.length);
                ex.getResponseBody().write(out);
                ex.close();
                return;
            }
            ex.sendResponseHeaders(200, Files.size(file));
            try (OutputStream out = ex.getResponseBody()) {
                Files.copy(file, out);
            }
        });
        server.start();
    }

    /** Serves {@code file} as image {@code id}'s data; returns its SHA-512 (the image's os_hash_value). */
    public String add(String id, Path file) {
        images.put(id, file);
        return sha512(file);
    }

    private static String sha512(Path file) {
        try {
            return LocalImageService.sha512(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The agent's settings that point at this control plane. */
    public String[] agentArgs() {
        return new String[] {"--nubo.agent.image-service-url=" + baseUrl() + "/image",
                "--nubo.agent.identity.url=" + baseUrl() + "/identity/v3", "--nubo.agent.identity.username=nova",
                "--nubo.agent.identity.password=" + PASSWORD};
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
