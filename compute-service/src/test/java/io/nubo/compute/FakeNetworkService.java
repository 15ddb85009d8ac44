package io.nubo.compute;

import com.sun.net.httpserver.HttpExchange;
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
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Neutron v2.0 stand-in on loopback (with Keystone's {@code POST /v3/auth/tokens} for compute's service user),
 * for the calls compute makes: list and show networks, show subnets, create, show, update and delete ports. It keeps
 * every call with its token, so a test can check which token did what.
 */
final class FakeNetworkService implements AutoCloseable {

    static final String SERVICE_TOKEN = "nova-service-token";
    static final String SUBNET = "5ub00000-0000-0000-0000-000000000001";

    record Call(String method, String path, String token, String body) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final Map<String, ObjectNode> networks = new ConcurrentHashMap<>();
    final Map<String, ObjectNode> ports = new ConcurrentHashMap<>();
    final Map<String, ObjectNode> securityGroups = new ConcurrentHashMap<>();
    private final AtomicInteger nextIp = new AtomicInteger(10);
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpServer server;

    FakeNetworkService() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v3/auth/tokens", x -> {
            x.getResponseHeaders().add("X-Subject-Token", SERVICE_TOKEN);
            reply(x, 201, "{\"token\": {\"expires_at\": \"2099-01-01T00:00:00Z\"}}");
        });
        server.createContext("/v2.0/", this::neutron);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String network(String project, String name, boolean shared) {
        String id = UUID.randomUUID().toString();
        networks.put(id, json.createObjectNode().put("id", id).put("name", name).put("project_id", project)
                .put("shared", shared).put("router:external", false).put("mtu", 1450));
        return id;
    }

    String securityGroup(String project, String name) {
        String id = UUID.randomUUID().toString();
        securityGroups.put(id, json.createObjectNode().put("id", id).put("name", name).put("project_id", project));
        return id;
    }

    String port(String project, String network) {
        ObjectNode p = newPort(project, network, null);
        return p.get("id").asString();
    }

    private ObjectNode newPort(String project, String network, String ip) {
        String id = UUID.randomUUID().toString();
        ObjectNode p = json.createObjectNode().put("id", id).put("network_id", network).put("project_id", project)
                .put("mac_address", String.format("fa:16:3e:00:00:%02x", nextIp.get()))
                .put("device_id", "").put("device_owner", "").put("binding:host_id", "")
                .put("binding:vif_type", "unbound");
        p.putArray("fixed_ips").addObject().put("subnet_id", SUBNET)
                .put("ip_address", ip != null ? ip : "10.0.0." + nextIp.getAndIncrement());
        p.putObject("binding:vif_details");
        ports.put(id, p);
        return p;
    }

    /** The query's parameters, each with all its values (Neutron takes a repeated filter as "any of these"). */
    private static Map<String, List<String>> query(HttpExchange x) {
        Map<String, List<String>> q = new java.util.HashMap<>();
        String raw = x.getRequestURI().getRawQuery() == null ? "" : x.getRequestURI().getRawQuery();
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                q.computeIfAbsent(kv.substring(0, eq), k -> new java.util.ArrayList<>())
                        .add(java.net.URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private static boolean matches(Map<String, List<String>> q, JsonNode resource, String attribute) {
        return !q.containsKey(attribute) || q.get(attribute).contains(resource.path(attribute).asString());
    }

    private void neutron(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String method = x.getRequestMethod();
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String token = x.getRequestHeaders().getFirst("X-Auth-Token");
        calls.add(new Call(method, path, token, body));
        String[] parts = path.split("/");
        String collection = parts.length > 2 ? parts[2] : "";
        String id = parts.length > 3 ? parts[3] : null;
        switch (collection) {
            case "networks" -> {
                if (id == null) {
                    ObjectNode out = json.createObjectNode();
                    out.putArray("networks").addAll(networks.values());
                    reply(x, 200, out.toString());
                } else if (networks.containsKey(id)) {
                    reply(x, 200, "{\"network\": " + networks.get(id) + "}");
                } else {
                    notFound(x, "NetworkNotFound", "Network " + id + " could not be found.");
                }
            }
            case "subnets" -> reply(x, 200, "{\"subnet\": {\"id\": \"" + SUBNET + "\", \"cidr\": \"10.0.0.0/24\","
                    + " \"gateway_ip\": \"10.0.0.1\", \"dns_nameservers\": [\"10.0.0.2\"]}}");
            case "ports" -> ports(x, method, id, body);
            case "security-groups" -> {
                if (id != null) {
                    JsonNode g = securityGroups.get(id);
                    if (g == null) {
                        notFound(x, "SecurityGroupNotFound", "Security group " + id + " does not exist");
                    } else {
                        reply(x, 200, "{\"security_group\": " + g + "}");
                    }
                    return;
                }
                // Neutron's filters by query: ?project_id=X&name=Y, ?id=A&id=B (any of the values)
                Map<String, List<String>> q = query(x);
                ObjectNode out = json.createObjectNode();
                var list = out.putArray("security_groups");
                securityGroups.values().stream().filter(g -> matches(q, g, "project_id") && matches(q, g, "name")
                        && matches(q, g, "id")).forEach(list::add);
                reply(x, 200, out.toString());
            }
            default -> notFound(x, "HTTPNotFound", path);
        }
    }

    private void ports(HttpExchange x, String method, String id, String body) throws IOException {
        if (method.equals("POST")) {
            JsonNode p = json.readTree(body).path("port");
            String network = p.path("network_id").asString();
            if (!networks.containsKey(network)) {
                notFound(x, "NetworkNotFound", "Network " + network + " could not be found.");
                return;
            }
            String ip = p.path("fixed_ips").path(0).path("ip_address").asString(null);
            if (ip != null && ports.values().stream().anyMatch(q -> ip.equals(q.at("/fixed_ips/0/ip_address")
                    .asString()))) {
                reply(x, 409, "{\"NeutronError\": {\"type\": \"IpAddressInUse\", \"message\": \"Unable to complete"
                        + " operation for network " + network + ". The IP address " + ip + " is in use.\"}}");
                return;
            }
            ObjectNode made = newPort(networks.get(network).get("project_id").asString(), network, ip);
            if (p.has("security_groups")) {
                made.set("security_groups", p.get("security_groups"));
            }
            reply(x, 201, "{\"port\": " + made + "}");
            return;
        }
        if (id == null && method.equals("GET")) {
            Map<String, List<String>> q = query(x);
            ObjectNode out = json.createObjectNode();
            var list = out.putArray("ports");
            ports.values().stream().filter(p -> matches(q, p, "device_id")).forEach(list::add);
            reply(x, 200, out.toString());
            return;
        }
        ObjectNode p = id == null ? null : ports.get(id);
        if (p == null) {
            notFound(x, "PortNotFound", "Port " + id + " could not be found.");
            return;
        }
        switch (method) {
            case "GET" -> reply(x, 200, "{\"port\": " + p + "}");
            case "PUT" -> {
                json.readTree(body).path("port").properties().forEach(e -> p.set(e.getKey(), e.getValue()));
                boolean bound = !p.path("binding:host_id").asString("").isEmpty();
                p.put("binding:vif_type", bound ? "bridge" : "unbound");
                p.put("status", bound ? "ACTIVE" : "DOWN");
                ObjectNode details = p.putObject("binding:vif_details");
                if (bound) {
                    details.put("bridge_name", "brq" + p.get("network_id").asString().substring(0, 11));
                }
                reply(x, 200, "{\"port\": " + p + "}");
            }
            case "DELETE" -> {
                ports.remove(id);
                x.sendResponseHeaders(204, -1);
                x.close();
            }
            default -> notFound(x, "HTTPNotFound", method);
        }
    }

    private static void notFound(HttpExchange x, String type, String message) throws IOException {
        reply(x, 404, "{\"NeutronError\": {\"type\": \"" + type + "\", \"message\": \"" + message + "\"}}");
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
