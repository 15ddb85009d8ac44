package io.nubo.network.securitygroup;

import io.nubo.network.quota.UsageCounter;
import org.springframework.stereotype.Component;

/** Quota counts of security groups and rules. */
final class SecurityGroupCounters {

    private SecurityGroupCounters() {
    }

    @Component
    static class Groups implements UsageCounter {
        private final SecurityGroupRepository groups;

        Groups(SecurityGroupRepository groups) {
            this.groups = groups;
        }

        @Override
        public String resource() {
            return "security_group";
        }

        @Override
        public long count(String projectId) {
            return groups.countByProjectId(projectId);
        }
    }

    @Component
    static class Rules implements UsageCounter {
        private final RuleRepository rules;

        Rules(RuleRepository rules) {
            this.rules = rules;
        }

        @Override
        public String resource() {
            return "security_group_rule";
        }

        @Override
        public long count(String projectId) {
            return rules.countByProjectId(projectId);
        }
    }
}
