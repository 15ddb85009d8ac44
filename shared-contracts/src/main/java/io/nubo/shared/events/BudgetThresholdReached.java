package io.nubo.shared.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A project's cost so far this month reached a share of its budget (80 or 100 percent), once per month and share.
 * Amounts are decimal strings (exact), in {@code currency}.
 *
 * @param month YYYY-MM, UTC
 */
@EventContract(type = "metering.budget.threshold_reached", version = "1.0", topic = Topics.METERING)
@JsonIgnoreProperties(ignoreUnknown = true)
public record BudgetThresholdReached(
        @JsonProperty("project_id") String projectId,
        @JsonProperty("month") String month,
        @JsonProperty("threshold_percent") int thresholdPercent,
        @JsonProperty("budget") String budget,
        @JsonProperty("cost") String cost,
        @JsonProperty("currency") String currency,
        @JsonProperty("reached_at") Instant reachedAt) implements NuboEvent {
}
