package io.nubo.shared.events.network;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;
import java.time.Instant;

/**
 * A security group's rules changed (a rule was created or deleted, or the group was deleted): every host filtering a
 * port of the group renders it again (the rules themselves are read from the network service, the truth).
 */
@EventContract(type = "network.security_group.rules_changed", version = "1.0", topic = Topics.NETWORK)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SecurityGroupRulesChanged(
        @JsonProperty("security_group_id") String securityGroupId,
        @JsonProperty("project_id") String projectId,
        @JsonProperty("occurred_at") Instant occurredAt) implements NetworkChange {
}
