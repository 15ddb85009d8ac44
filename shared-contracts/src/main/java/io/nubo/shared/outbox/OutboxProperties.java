package io.nubo.shared.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outbox relay settings, {@code nubo.outbox.*}.
 *
 * @param enabled      relay events to Kafka (off only in tests that inspect the outbox table)
 * @param pollInterval how often the relay looks for rows when nobody woke it
 * @param maxBackoff   wait between attempts while Kafka is unreachable
 * @param sendTimeout  how long one send may wait for Kafka's acknowledgement
 * @param retention    how long published rows are kept for inspection
 * @param threadSuffix names the relay thread; unset, the service's name ({@code nubo.service.name})
 */
@ConfigurationProperties("nubo.outbox")
public record OutboxProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("5s") Duration maxBackoff,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue("1d") Duration retention,
        String threadSuffix) {

    /** These settings with the relay thread named after {@code name} where no suffix was set. */
    public OutboxProperties orThreadSuffix(String name) {
        return threadSuffix != null ? this
                : new OutboxProperties(enabled, pollInterval, maxBackoff, sendTimeout, retention, name);
    }
}
