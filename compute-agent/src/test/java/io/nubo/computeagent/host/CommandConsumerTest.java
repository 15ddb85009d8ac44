package io.nubo.computeagent.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nubo.shared.events.EventCodec;
import io.nubo.shared.events.Topics;
import io.nubo.shared.events.compute.DeleteInstance;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which records of the command topic {@link CommandConsumer#handle} goes on with: a command for this host reaches its
 * transaction (inbox, dispatch, report); a record that cannot be read, of a type the agent does not know, or for
 * another host is skipped without one and without throwing (a throw would stop the job consumer's batch and bring
 * the record back at every redelivery). No Kafka and no database: the transaction manager only counts.
 */
class CommandConsumerTest {

    static final String DELETE = EventCodec.contractOf(DeleteInstance.class).type();
    /** An envelope of a delete command, with {@code %s} for its payload. */
    static final String RECORD = "{\"event_id\":\"6f1f0c1e-5b43-4a0e-9d39-2f3b8c3f8a11\",\"event_type\":\"" + DELETE
            + "\",\"schema_version\":\"1.0\",\"payload\":%s}";

    final EventCodec codec = new EventCodec(new JsonMapper(), "compute");
    final AtomicInteger transactions = new AtomicInteger();
    final CommandConsumer consumer = new CommandConsumer(Map.of(), "host-1", null, null, null,
            new TransactionTemplate(new CountingTransactions()), codec, 1);

    @AfterEach
    void stop() {
        consumer.stop();
    }

    @Test
    void aCommandForThisHostGoesOnToItsTransaction() {
        String json = codec.toJson(codec.envelope(new DeleteInstance("i-1", "host-1", "a1"), null, null));
        assertThatThrownBy(() -> handle(json, false)).hasMessage("no database in this test");
        // the same command as the test's own records spell it: what they break is all that makes them unreadable
        assertThatThrownBy(() -> handle(RECORD.formatted("{\"instance_id\":\"i-1\",\"host\":\"host-1\"}"), false))
                .hasMessage("no database in this test");

        assertThat(transactions).hasValue(2);
    }

    @Test
    void whatCannotBeReadIsSkippedWithoutATransaction() {
        for (String json : new String[] {"not json", "[1, 2]", "null", "", null,
                "{\"event_id\":\"not-a-uuid\",\"event_type\":\"" + DELETE + "\"}",
                RECORD.formatted("\"not an object\""), RECORD.formatted("null"),
                RECORD.replace(DELETE, "compute.command.teleport").formatted("{}")}) {
            for (boolean jobs : new boolean[] {false, true}) {
                handle(json, jobs);
            }
        }
        assertThat(transactions).hasValue(0);
    }

    @Test
    void anotherHostsCommandIsSkippedWithoutATransaction() {
        handle(codec.toJson(codec.envelope(new DeleteInstance("i-1", "host-2", "a1"), null, null)), false);
        // and this host's ordinary command is the other consumer's, not the job consumer's
        handle(codec.toJson(codec.envelope(new DeleteInstance("i-1", "host-1", "a1"), null, null)), true);

        assertThat(transactions).hasValue(0);
    }

    private void handle(String json, boolean jobs) {
        consumer.handle(new ConsumerRecord<>(Topics.COMPUTE_COMMANDS, 0, 7L, "i-1", json), jobs);
    }

    /** Counts the transactions asked for and refuses them, so that nothing past the transaction's start runs. */
    final class CountingTransactions implements PlatformTransactionManager {

        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            transactions.incrementAndGet();
            throw new IllegalStateException("no database in this test");
        }

        @Override
        public void commit(TransactionStatus status) {
        }

        @Override
        public void rollback(TransactionStatus status) {
        }
    }
}
