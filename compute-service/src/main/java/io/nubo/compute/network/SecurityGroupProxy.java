package io.nubo.compute.network;

import io.nubo.compute.error.ComputeError;
import io.nubo.compute.network.api.NovaNetworkViews.GroupRef;
import io.nubo.compute.network.api.NovaNetworkViews.IpRange;
import io.nubo.compute.network.api.NovaNetworkViews.Rule;
import io.nubo.compute.network.api.NovaNetworkViews.SecurityGroup;
import io.nubo.compute.network.internal.NeutronClient;
import io.nubo.compute.network.internal.PortStore;
import io.nubo.compute.wire.Caller;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Nova 2.1's os-security-groups and os-security-group-rules as Nova serves them with Neutron
 * ({@code nova/network/security_group_api.py}): every call goes to the network service with the caller's token,
 * Neutron's groups and ingress rules are shown in Nova's shapes, and Nova's checks and messages come first. A
 * server's groups are those of its ports; adding or removing one changes every port of the server.
 */
@Service
public class SecurityGroupProxy {

    private static final Pattern UUID_LIKE = Pattern.compile(
            "^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$");

    private final NeutronClient neutron;
    private final NetworkApiProperties props;
    private final PortStore ports;

    SecurityGroupProxy(NeutronClient neutron, NetworkApiProperties props, PortStore ports) {
        this.neutron = neutron;
        this.props = props;
        this.ports = ports;
    }

    public List<SecurityGroup> list(Caller caller, boolean allProjects) {
        if (!props.configured()) {
            return List.of();
        }
        String query = allProjects && caller.admin() ? "" : "?project_id=" + caller.projectId();
        NeutronClient.Reply r = call(caller, HttpMethod.GET, "/v2.0/security-groups" + query, null);
        Map<String, JsonNode> known = byId(r.body().path("security_groups"));
        List<SecurityGroup> out = new ArrayList<>();
        for (JsonNode g : r.body().path("security_groups")) {
            out.add(view(caller, g, known));
        }
        return out;
    }

    public SecurityGroup show(Caller caller, String id) {
        return view(caller, group(caller, id));
    }

    public SecurityGroup create(Caller caller, JsonNode body) {
        JsonNode g = fromBody(body, "security_group");
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("name", property(g.get("name"), "name"));
        group.put("description", property(g.get("description"), "description"));
        NeutronClient.Reply r = call(caller, HttpMethod.POST, "/v2.0/security-groups", Map.of("security_group",
                group));
        if (r.status() == 409 && "OverQuota".equals(r.type())) {
            throw ComputeError.OVER_QUOTA.exception("Quota exceeded, too many security groups.");
        }
        return view(caller, r.require("create the security group").path("security_group"));
    }

    public SecurityGroup update(Caller caller, String id, JsonNode body) {
        JsonNode g = fromBody(body, "security_group");
        String name = property(g.get("name"), "name");
        String description = property(g.get("description"), "description");
        group(caller, id);
        NeutronClient.Reply r = call(caller, HttpMethod.PUT, "/v2.0/security-groups/" + id, Map.of("security_group",
                Map.of("name", name, "description", description)));
        return view(caller, r.require("update the security group").path("security_group"));
    }

    public void delete(Caller caller, String id) {
        NeutronClient.Reply r = call(caller, HttpMethod.DELETE, "/v2.0/security-groups/" + id, null);
        if (r.status() == 404) {
            throw notFound(id);
        }
        if (r.status() == 409 || r.status() == 400) {
            throw ComputeError.BAD_REQUEST.exception(r.message());
        }
        r.require("delete the security group");
    }

    /** Nova's security_group_rules create: its checks, then a Neutron ingress rule. */
    public Rule createRule(Caller caller, JsonNode body) {
        JsonNode r = fromBody(body, "security_group_rule");
        String parent = r.path("parent_group_id").asString(null);
        if (parent == null || !UUID_LIKE.matcher(parent).matches()) {
            throw ComputeError.BAD_REQUEST.exception("Security group id should be uuid");
        }
        group(caller, parent);
        String groupId = r.path("group_id").isNull() ? null : r.path("group_id").asString(null);
        String cidr = r.path("cidr").isNull() ? null : r.path("cidr").asString(null);
        if (groupId != null) {
            if (!UUID_LIKE.matcher(groupId).matches()) {
                throw ComputeError.BAD_REQUEST.exception("Security group id should be uuid");
            }
            group(caller, groupId);
            cidr = null;
        } else {
            cidr = cidr == null || cidr.isEmpty() ? "0.0.0.0/0" : cidr;
            network(cidr); // Nova checks the CIDR and sends it as given (Neutron keeps it so, with normalized_cidr)
        }
        String protocol = r.path("ip_protocol").isNull() ? null : r.path("ip_protocol").asString(null);
        JsonNode fromNode = r.get("from_port");
        JsonNode toNode = r.get("to_port");
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("security_group_id", parent);
        rule.put("direction", "ingress");
        rule.put("ethertype", cidr != null && cidr.contains(":") ? "IPv6" : "IPv4");
        if (protocol != null && !protocol.isEmpty() && fromNode != null && !fromNode.isNull() && toNode != null
                && !toNode.isNull()) {
            String p = protocol.toUpperCase(Locale.ROOT);
            int from;
            int to;
            try {
                from = Integer.parseInt(fromNode.asString().trim());
                to = Integer.parseInt(toNode.asString().trim());
            } catch (NumberFormatException e) {
                throw ComputeError.BAD_REQUEST.exception("Invalid input received: " + (p.equals("ICMP")
                        ? "Type and Code must be integers for ICMP protocol type"
                        : "To and From ports must be integers"));
            }
            if (!Set.of("TCP", "UDP", "ICMP").contains(p)) {
                throw ComputeError.BAD_REQUEST.exception("Invalid IP protocol " + p + ".");
            }
            if (!p.equals("ICMP") && from > to) {
                throw portRange(from, to, "Former value cannot be greater than the later");
            }
            if (!p.equals("ICMP") && (from < 1 || to > 65535)) {
                throw portRange(from, to, "Valid " + p + " ports should be between 1-65535");
            }
            if (p.equals("ICMP") && (from < -1 || from > 255 || to < -1 || to > 255)) {
                throw portRange(from, to, "For ICMP, the type:code must be valid");
            }
            rule.put("protocol", p.toLowerCase(Locale.ROOT));
            if (from != -1) {
                rule.put("port_range_min", from);
            }
            if (to != -1) {
                rule.put("port_range_max", to);
            }
        } else if (groupId == null) {
            throw ComputeError.BAD_REQUEST.exception("Not enough parameters to build a valid rule.");
        }
        if (groupId != null) {
            rule.put("remote_group_id", groupId);
        } else {
            rule.put("remote_ip_prefix", cidr);
        }
        NeutronClient.Reply reply = call(caller, HttpMethod.POST, "/v2.0/security-group-rules",
                Map.of("security_group_rule", rule));
        if (reply.status() == 409 && "SecurityGroupRuleExists".equals(reply.type())) {
            throw ComputeError.BAD_REQUEST.exception("Security group rule already exists. Group id is " + parent
                    + ".");
        }
        if (reply.status() == 409 && "OverQuota".equals(reply.type())) {
            throw ComputeError.OVER_QUOTA.exception("Quota exceeded, too many security group rules.");
        }
        if (reply.status() == 400) {
            throw ComputeError.BAD_REQUEST.exception(reply.message());
        }
        return rule(caller, reply.require("create the rule").path("security_group_rule"));
    }

    public void deleteRule(Caller caller, String id) {
        NeutronClient.Reply r = call(caller, HttpMethod.DELETE, "/v2.0/security-group-rules/" + id, null);
        if (r.status() == 404) {
            throw ComputeError.NOT_FOUND.exception("Rule (" + id + ") not found.");
        }
        r.require("delete the rule");
    }

    /** The groups of the server's ports, each once. */
    public List<SecurityGroup> ofInstance(Caller caller, String instanceId) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode p : instancePorts(caller, instanceId)) {
            p.path("security_groups").forEach(g -> ids.add(g.asString()));
        }
        if (ids.isEmpty() || !props.configured()) {
            return List.of();
        }
        // one read for all the groups (Neutron's ?id=a&id=b is "a or b"); a group deleted meanwhile is left out
        String query = ids.stream().map(id -> "id=" + URLEncoder.encode(id, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        Map<String, JsonNode> known = byId(call(caller, HttpMethod.GET, "/v2.0/security-groups?" + query, null)
                .require("list the security groups").path("security_groups"));
        List<SecurityGroup> out = new ArrayList<>();
        for (String id : ids) {
            JsonNode g = known.get(id);
            if (g != null) {
                out.add(view(caller, g, known));
            }
        }
        return out;
    }

    private static Map<String, JsonNode> byId(JsonNode groups) {
        Map<String, JsonNode> out = new HashMap<>();
        groups.forEach(g -> out.put(g.path("id").asString(), g));
        return out;
    }

    /** addSecurityGroup: the group (by name or id, in the caller's project) on every port of the server. */
    public void addToInstance(Caller caller, String instanceId, String nameOrId) {
        String id = resolve(caller, nameOrId);
        List<JsonNode> list = instancePorts(caller, instanceId);
        if (list.isEmpty()) {
            throw ComputeError.NOT_FOUND.exception("instance_id " + instanceId + " could not be found as device id"
                    + " on any ports");
        }
        for (JsonNode p : list) {
            List<String> groups = new ArrayList<>();
            p.path("security_groups").forEach(g -> groups.add(g.asString()));
            if (groups.contains(id)) {
                throw ComputeError.BAD_REQUEST.exception("Security group " + nameOrId + " is already associated with"
                        + " the instance " + instanceId);
            }
        }
        for (JsonNode p : list) {
            List<String> groups = new ArrayList<>();
            p.path("security_groups").forEach(g -> groups.add(g.asString()));
            groups.add(id);
            call(caller, HttpMethod.PUT, "/v2.0/ports/" + p.path("id").asString(), Map.of("port",
                    Map.of("security_groups", groups)))
                            .require("add the security group to port " + p.path("id").asString());
        }
    }

    /** removeSecurityGroup: the group off every port of the server that has it. */
    public void removeFromInstance(Caller caller, String instanceId, String nameOrId) {
        String id = resolve(caller, nameOrId);
        boolean found = false;
        for (JsonNode p : instancePorts(caller, instanceId)) {
            List<String> groups = new ArrayList<>();
            p.path("security_groups").forEach(g -> groups.add(g.asString()));
            if (groups.remove(id)) {
                found = true;
                call(caller, HttpMethod.PUT, "/v2.0/ports/" + p.path("id").asString(), Map.of("port",
                        Map.of("security_groups", groups))).require("remove the security group from port "
                        + p.path("id").asString());
            }
        }
        if (!found) {
            throw ComputeError.BAD_REQUEST.exception("Security group " + nameOrId + " not associated with the"
                    + " instance " + instanceId);
        }
    }

    /** The ids of the named groups (name or id in the caller's project), for a server's ports at boot. */
    public List<String> resolveAll(Caller caller, List<String> namesOrIds) {
        List<String> out = new ArrayList<>();
        for (String n : namesOrIds) {
            out.add(resolve(caller, n));
        }
        return out;
    }

    private String resolve(Caller caller, String nameOrId) {
        if (!props.configured()) {
            throw ComputeError.BAD_REQUEST.exception("Security groups are not available: this cloud has no network"
                    + " service.");
        }
        if (UUID_LIKE.matcher(nameOrId).matches()) {
            NeutronClient.Reply r = call(caller, HttpMethod.GET, "/v2.0/security-groups/" + nameOrId, null);
            if (r.ok()) {
                return nameOrId;
            }
        }
        NeutronClient.Reply r = call(caller, HttpMethod.GET, "/v2.0/security-groups?project_id="
                + caller.projectId() + "&name=" + URLEncoder.encode(nameOrId,
                java.nio.charset.StandardCharsets.UTF_8), null);
        JsonNode found = r.require("find the security group").path("security_groups");
        if (found.isEmpty()) {
            throw ComputeError.NOT_FOUND.exception("Security group " + nameOrId + " not found for project "
                    + caller.projectId() + ".");
        }
        if (found.size() > 1) {
            throw ComputeError.CONFLICT.exception("Multiple security groups found matching '" + nameOrId
                    + "'. Use an ID to be more specific.");
        }
        return found.get(0).path("id").asString();
    }

    private List<JsonNode> instancePorts(Caller caller, String instanceId) {
        List<JsonNode> out = new ArrayList<>();
        if (!props.configured()) {
            return out;
        }
        for (PortStore.Row row : ports.ofInstance(instanceId)) {
            NeutronClient.Reply r = call(caller, HttpMethod.GET, "/v2.0/ports/" + row.portId(), null);
            if (r.ok()) {
                out.add(r.body().path("port"));
            }
        }
        return out;
    }

    private JsonNode group(Caller caller, String id) {
        if (!props.configured()) {
            throw notFound(id);
        }
        NeutronClient.Reply r = call(caller, HttpMethod.GET, "/v2.0/security-groups/" + id, null);
        if (r.status() == 404 || r.status() == 400) {
            throw notFound(id);
        }
        return r.require("show the security group").path("security_group");
    }

    private SecurityGroup view(Caller caller, JsonNode g) {
        return view(caller, g, new HashMap<>());
    }

    /** {@code known}: the groups already read in this request, by id; a rule's remote group is read once. */
    private SecurityGroup view(Caller caller, JsonNode g, Map<String, JsonNode> known) {
        known.putIfAbsent(g.path("id").asString(), g);
        List<Rule> rules = new ArrayList<>();
        for (JsonNode r : g.path("security_group_rules")) {
            if ("ingress".equals(r.path("direction").asString())) {
                rules.add(rule(caller, r, known));
            }
        }
        return new SecurityGroup(g.path("id").asString(), g.path("name").asString(""),
                g.path("description").asString(""), g.path("project_id").asString(g.path("tenant_id").asString("")),
                rules);
    }

    /** Neutron's rule in Nova's shape: a protocol without ports is the whole range (1-65535, or -1 for ICMP). */
    private Rule rule(Caller caller, JsonNode r) {
        return rule(caller, r, new HashMap<>());
    }

    private Rule rule(Caller caller, JsonNode r, Map<String, JsonNode> known) {
        String protocol = r.path("protocol").isNull() ? null : r.path("protocol").asString(null);
        Integer from = r.path("port_range_min").isIntegralNumber() ? r.path("port_range_min").asInt() : null;
        Integer to = r.path("port_range_max").isIntegralNumber() ? r.path("port_range_max").asInt() : null;
        if (protocol != null && from == null && to == null) {
            String p = protocol.toUpperCase(Locale.ROOT);
            if (p.equals("TCP") || p.equals("UDP")) {
                from = 1;
                to = 65535;
            } else if (p.equals("ICMP")) {
                from = -1;
                to = -1;
            }
        }
        GroupRef group = new GroupRef(null, null);
        IpRange range = new IpRange(null);
        String remote = r.path("remote_group_id").isNull() ? null : r.path("remote_group_id").asString(null);
        String prefix = r.path("remote_ip_prefix").isNull() ? null : r.path("remote_ip_prefix").asString(null);
        if (remote != null) {
            JsonNode rg = known.get(remote);
            if (rg == null) {
                NeutronClient.Reply g = call(caller, HttpMethod.GET, "/v2.0/security-groups/" + remote, null);
                rg = g.ok() ? g.body().path("security_group") : null;
                if (rg != null) {
                    known.put(remote, rg);
                }
            }
            group = new GroupRef(rg == null ? "" : rg.path("name").asString(""),
                    rg == null ? "" : rg.path("project_id").asString(""));
        } else if (prefix != null) {
            range = new IpRange(prefix);
        }
        return new Rule(r.path("id").asString(), r.path("security_group_id").asString(), protocol, from, to, group,
                range);
    }

    private NeutronClient.Reply call(Caller caller, HttpMethod method, String path, Object body) {
        return neutron.asUser(caller.token(), method, path, body);
    }


    private static RuntimeException notFound(String id) {
        return ComputeError.NOT_FOUND.exception("Security group " + id + " not found.");
    }

    /** The CIDR's network (10.2.3.124/24 is 10.2.3.0/24, Neutron's normalized_cidr); Nova's 400 if it is bad. */
    static String network(String cidr) {
        int slash = cidr.indexOf('/');
        try {
            if (slash < 0 || !cidr.substring(0, slash).matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException(cidr);
            }
            byte[] addr = java.net.InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            int bits = Integer.parseInt(cidr.substring(slash + 1));
            if (bits < 0 || bits > addr.length * 8) {
                throw new IllegalArgumentException(cidr);
            }
            for (int i = 0; i < addr.length; i++) {
                int keep = Math.max(0, Math.min(8, bits - i * 8));
                addr[i] = (byte) (addr[i] & (0xff << (8 - keep)));
            }
            String host = java.net.InetAddress.getByAddress(addr).getHostAddress();
            return (addr.length == 16 ? io.nubo.compute.wire.Ipv6Text.canonical(host) : host) + "/" + bits;
        } catch (IllegalArgumentException | java.net.UnknownHostException e) {
            throw ComputeError.BAD_REQUEST.exception("Invalid cidr " + cidr + ".");
        }
    }

    private static RuntimeException portRange(int from, int to, String why) {
        return ComputeError.BAD_REQUEST.exception("Invalid port range " + from + ":" + to + ". " + why);
    }

    /** Nova's _from_body. */
    static JsonNode fromBody(JsonNode body, String key) {
        if (body == null || body.isEmpty()) {
            throw ComputeError.BAD_REQUEST.exception("The request body can't be empty");
        }
        JsonNode v = body.get(key);
        if (v == null || v.isNull()) {
            throw ComputeError.BAD_REQUEST.exception("Missing parameter " + key);
        }
        return v;
    }

    /** Nova's validate_property: a string of 1 to 255 characters once stripped (the value itself is kept). */
    private static String property(JsonNode v, String name) {
        if (v == null || !v.isString()) {
            throw ComputeError.BAD_REQUEST.exception("Security group " + name + " is not a string or unicode");
        }
        String s = v.asString().strip();
        if (s.isEmpty()) {
            throw ComputeError.BAD_REQUEST.exception("Invalid input received: " + name
                    + " has a minimum character requirement of 1.");
        }
        if (s.length() > 255) {
            throw ComputeError.BAD_REQUEST.exception("Invalid input received: " + name + " has more than 255"
                    + " characters.");
        }
        return v.asString();
    }
}
