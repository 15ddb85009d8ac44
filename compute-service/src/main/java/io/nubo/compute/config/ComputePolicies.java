package io.nubo.compute.config;

import static io.nubo.shared.policy.PolicyRule.action;
import static io.nubo.shared.policy.PolicyRule.base;

import io.nubo.compute.wire.ComputePolicy;
import io.nubo.shared.policy.PolicyRule;
import io.nubo.shared.policy.PolicyTable;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Compute's policy table for the shared enforcer: Nova's legacy base rules (and its service_api) and every {@link ComputePolicy}. */
@Configuration(proxyBeanMethods = false)
public class ComputePolicies {

    static PolicyTable table() {
        List<PolicyRule> rules = new ArrayList<>();
        rules.add(base("admin_api", "role:admin", "An administrator."));
        rules.add(base("service_api", "role:service", "Another service, as its service user."));
        rules.add(base("admin_or_owner", "role:admin or project_id:%(project_id)s",
                "An administrator, or a member of the project that owns the thing."));
        for (ComputePolicy p : ComputePolicy.values()) {
            rules.add(action(p.action(), p.check().checkString(), p.description(),
                    p.operations().toArray(String[]::new)));
        }
        return PolicyTable.of(rules.toArray(PolicyRule[]::new));
    }

    @Bean
    PolicyTable computePolicyTable() {
        return table();
    }
}
