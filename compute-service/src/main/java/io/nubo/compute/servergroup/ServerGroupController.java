package io.nubo.compute.servergroup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.microversion.ApiVersion;
import io.nubo.compute.wire.Caller;
import io.nubo.compute.wire.RequestBody;
import io.nubo.shared.validation.ValidatedBody;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Nova's os-server-groups: policies affinity and anti-affinity, soft-affinity and soft-anti-affinity from 2.15
 * (hosts weighed, never refused); {@code project_id} and {@code user_id} shown from 2.13.
 */
@RestController
@RequestMapping("/v2.1/os-server-groups")
class ServerGroupController {

    /** {@code project_id} and {@code user_id} from 2.13 on (null: absent). */
    record GroupView(String id, String name, List<String> policies, List<String> members,
                     Map<String, String> metadata,
                     @JsonProperty("project_id") @JsonInclude(JsonInclude.Include.NON_NULL) String projectId,
                     @JsonProperty("user_id") @JsonInclude(JsonInclude.Include.NON_NULL) String userId) {
    }

    record GroupOne(@JsonProperty("server_group") GroupView serverGroup) {
    }

    record GroupList(@JsonProperty("server_groups") List<GroupView> serverGroups) {
    }

    private final ServerGroupService groups;

    ServerGroupController(ServerGroupService groups) {
        this.groups = groups;
    }

    private static GroupView view(ServerGroupService.Group g, ApiVersion version) {
        boolean owners = version.atLeast("2.13");
        return new GroupView(g.id(), g.name(), List.of(g.policy()), g.members(), Map.of(),
                owners ? g.projectId() : null, owners ? g.userId() : null);
    }

    @PostMapping
    @ValidatedBody(value = "compute/server-group-create.json", until = "2.14")
    @ValidatedBody(value = "compute/server-group-create-v215.json", since = "2.15")
    GroupOne create(Caller caller, ApiVersion version,
                    @org.springframework.web.bind.annotation.RequestBody JsonNode body) {
        RequestBody g = RequestBody.wrapped(body, "server_group", null);
        String name = g.string("name", true, 1, 255, null);
        String policy = g.raw().get("policies").get(0).asString();
        return new GroupOne(view(groups.create(caller, name, policy), version));
    }

    @GetMapping
    GroupList list(Caller caller, ApiVersion version,
                   @RequestParam(name = "all_projects", required = false) String allProjects) {
        boolean all = allProjects != null && !allProjects.equalsIgnoreCase("false") && !allProjects.equals("0");
        return new GroupList(groups.list(caller, all).stream().map(g -> view(g, version)).toList());
    }

    @GetMapping("/{id}")
    GroupOne show(Caller caller, ApiVersion version, @PathVariable String id) {
        return new GroupOne(view(groups.get(caller, id), version));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable String id) {
        groups.delete(caller, id);
    }
}
