package io.nubo.network.discovery;

import io.nubo.shared.api.Link;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Neutron's version list ({@code GET /}, public) and the v2.0 resource list ({@code GET /v2.0}, with a token). */
@RestController
public class VersionController {

    /** The core resources, as Neutron lists them: singular name and collection. */
    /** The resources served: singular name, collection, and path (Neutron's security groups use hyphens). */
    static final List<String[]> RESOURCES = List.of(new String[] {"network", "networks", "networks"},
            new String[] {"subnet", "subnets", "subnets"}, new String[] {"port", "ports", "ports"},
            new String[] {"security_group", "security_groups", "security-groups"},
            new String[] {"security_group_rule", "security_group_rules", "security-group-rules"},
            new String[] {"router", "routers", "routers"}, new String[] {"floatingip", "floatingips", "floatingips"},
            new String[] {"quota", "quotas", "quotas"});


    public record Version(String id, String status, List<Link> links) {
    }

    public record Resource(String name, String collection, List<Link> links) {
    }

    private static String href(String path) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(path).build().toUriString();
    }

    @GetMapping("/")
    public Map<String, Object> versions() {
        return Map.of("versions", List.of(new Version("v2.0", "CURRENT", List.of(Link.self(href("/v2.0/"))))));
    }

    @GetMapping({"/v2.0", "/v2.0/"})
    public Map<String, Object> resources() {
        return Map.of("resources", RESOURCES.stream()
                .map(r -> new Resource(r[0], r[1], List.of(Link.self(href("/v2.0/" + r[2])))))
                .toList());
    }
}
