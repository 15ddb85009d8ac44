package io.nubo.shared.config;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.outbox.EventPublisher;
import io.nubo.shared.outbox.InboxGuard;
import io.nubo.shared.outbox.OutboxProperties;
import io.nubo.shared.outbox.OutboxRelay;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Events: the codec, the transactional outbox with its relay to Kafka, and the consumers' inbox. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"})
@EnableConfigurationProperties({NuboServiceProperties.class, OutboxProperties.class})
public class NuboEventsAutoConfiguration {

    @Bean
    EventCodec eventCodec(ObjectProvider<JsonMapper> mapper, NuboServiceProperties service) {
        return new EventCodec(mapper.getIfAvailable(JsonMapper::new), service.name());
    }

    @Bean
    @ConditionalOnBean({DataSource.class, KafkaTemplate.class, PlatformTransactionManager.class})
    @ConditionalOnProperty(prefix = "nubo.outbox", name = "enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(DataSource dataSource, PlatformTransactionManager txManager,
                            KafkaTemplate<String, String> kafka, OutboxProperties properties,
                            NuboServiceProperties service) throws SQLException {
        boolean postgres;
        try (Connection c = dataSource.getConnection()) {
            postgres = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
        return new OutboxRelay(new JdbcTemplate(dataSource), new TransactionTemplate(txManager), kafka,
                properties.orThreadSuffix(service.name()), postgres);
    }

    @Bean
    @ConditionalOnBean(DataSource.class)
    EventPublisher eventPublisher(DataSource dataSource, EventCodec codec, ObjectProvider<OutboxRelay> relay) {
        return new EventPublisher(new JdbcTemplate(dataSource), codec, relay.getIfAvailable());
    }

    @Bean
    @ConditionalOnBean(DataSource.class)
    InboxGuard inboxGuard(DataSource dataSource) {
        return new InboxGuard(new JdbcTemplate(dataSource));
    }
}
