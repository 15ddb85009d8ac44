package io.nubo.network.securitygroup;

import io.nubo.shared.validation.ValidatedBody;
import io.nubo.shared.validation.ValidatedQuery;
import io.nubo.network.common.Bulk;
import io.nubo.network.common.Caller;
import io.nubo.network.common.Json;
import io.nubo.network.common.ListQuery;
import io.nubo.network.securitygroup.api.SecurityGroupViews;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Neutron's {@code /v2.0/security-groups} and {@code /v2.0/security-group-rules}. */
@RestController
public class SecurityGroupController {

    private final SecurityGroupService groups;
    private final TransactionTemplate tx;

    public SecurityGroupController(SecurityGroupService groups, TransactionTemplate tx) {
        this.groups = groups;
        this.tx = tx;
    }

    @PostMapping("/v2.0/security-groups")
    @ValidatedBody("network/security-group-create.json")
    public ResponseEntity<SecurityGroupViews.One> create(Caller caller, @RequestBody JsonNode body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(new SecurityGroupViews.One(groups.create(caller, body)));
    }

    @GetMapping("/v2.0/security-groups")
    @ValidatedQuery("network/list-query.json")
    public SecurityGroupViews.Page list(Caller caller, @RequestParam MultiValueMap<String, String> params) {
        ListQuery.Page page = new ListQuery(params).apply(groups.list(caller), "/v2.0/security-groups");
        return new SecurityGroupViews.Page(page.items(), page.links());
    }

    @GetMapping("/v2.0/security-groups/{id}")
    public SecurityGroupViews.One show(Caller caller, @PathVariable String id,
                                       @RequestParam MultiValueMap<String, String> params) {
        return new SecurityGroupViews.One(new ListQuery(params).fields(groups.show(caller, id)));
    }

    @PutMapping("/v2.0/security-groups/{id}")
    @ValidatedBody("network/security-group-update.json")
    public SecurityGroupViews.One update(Caller caller, @PathVariable String id, @RequestBody JsonNode body) {
        return new SecurityGroupViews.One(groups.update(caller, id, body));
    }

    @DeleteMapping("/v2.0/security-groups/{id}")
    public ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        groups.delete(caller, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/v2.0/security-group-rules")
    @ValidatedBody("network/security-group-rule-create.json")
    public ResponseEntity<Object> createRule(Caller caller, @RequestBody JsonNode body) {
        Bulk bulk = Bulk.of(body, "security_group_rule", "security_group_rules");
        List<JsonNode> created = tx.execute(s -> {
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode one : bulk.bodies()) {
                out.add(groups.createRule(caller, RuleRequest.create(one)));
            }
            return out;
        });
        Object reply = bulk.bulk() ? new SecurityGroupViews.ManyRules(Json.node(created))
                : new SecurityGroupViews.OneRule(created.get(0));
        return ResponseEntity.status(HttpStatus.CREATED).body(reply);
    }

    @GetMapping("/v2.0/security-group-rules")
    @ValidatedQuery("network/list-query.json")
    public SecurityGroupViews.RulePage listRules(Caller caller, @RequestParam MultiValueMap<String, String> params) {
        ListQuery.Page page = new ListQuery(params).apply(groups.listRules(caller), "/v2.0/security-group-rules");
        return new SecurityGroupViews.RulePage(page.items(), page.links());
    }

    @GetMapping("/v2.0/security-group-rules/{id}")
    public SecurityGroupViews.OneRule showRule(Caller caller, @PathVariable String id,
                                               @RequestParam MultiValueMap<String, String> params) {
        return new SecurityGroupViews.OneRule(new ListQuery(params).fields(groups.showRule(caller, id)));
    }

    @DeleteMapping("/v2.0/security-group-rules/{id}")
    public ResponseEntity<Void> deleteRule(Caller caller, @PathVariable String id) {
        groups.deleteRule(caller, id);
        return ResponseEntity.noContent().build();
    }
}
