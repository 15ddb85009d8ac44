package io.nubo.identity.readcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nubo.identity.directory.DomainEntity;
import io.nubo.identity.directory.RoleEntity;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

class ChangeStampedCacheTest {

    private final EntityChanges listener = new EntityChanges();
    private final AtomicInteger reads = new AtomicInteger();

    private String read(String key) {
        return key + "#" + reads.incrementAndGet();
    }

    @Test
    void aValueIsKeptUntilItsTableIsWritten() {
        ChangeStampedCache<String, String> cache = new ChangeStampedCache<>(100, DomainEntity.class);
        assertThat(cache.get("a", this::read)).isEqualTo("a#1");
        assertThat(cache.get("a", this::read)).isEqualTo("a#1");
        listener.changed(domain());
        assertThat(cache.get("a", this::read)).isEqualTo("a#2");
        assertThat(cache.get("a", this::read)).isEqualTo("a#2");
    }

    @Test
    void aWriteToAnotherTableKeepsTheValue() {
        ChangeStampedCache<String, String> cache = new ChangeStampedCache<>(100, RoleEntity.class);
        cache.get("r", this::read);
        listener.changed(domain());
        assertThat(cache.get("r", this::read)).isEqualTo("r#1");
    }

    @Test
    void aWriteInATransactionCountsWhenTheTransactionEnds() {
        ChangeStampedCache<String, String> cache = new ChangeStampedCache<>(100, DomainEntity.class);
        cache.get("a", this::read);
        TransactionSynchronizationManager.initSynchronization();
        try {
            listener.changed(domain());
            // until the commit, readers see the old rows: what they read under the old stamp stays right
            assertThat(cache.get("a", this::read)).isEqualTo("a#1");
            for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
                s.afterCompletion(TransactionSynchronization.STATUS_COMMITTED);
            }
        } finally {
            TransactionSynchronizationManager.clearSynchronization();
        }
        assertThat(cache.get("a", this::read)).isEqualTo("a#2");
    }

    @Test
    void aTransactionThatMayWriteReadsTheTablesAndKeepsNothing() {
        ChangeStampedCache<String, String> cache = new ChangeStampedCache<>(100, DomainEntity.class);
        cache.get("a", this::read);
        TransactionSynchronizationManager.setActualTransactionActive(true);
        try {
            assertThat(cache.get("a", this::read)).isEqualTo("a#2");
            assertThat(cache.get("b", this::read)).isEqualTo("b#3");
            TransactionSynchronizationManager.setCurrentTransactionReadOnly(true);
            assertThat(cache.get("a", this::read)).isEqualTo("a#1");
        } finally {
            TransactionSynchronizationManager.setCurrentTransactionReadOnly(false);
            TransactionSynchronizationManager.setActualTransactionActive(false);
        }
        assertThat(cache.get("b", this::read)).isEqualTo("b#4");
    }

    @Test
    void pastItsSizeTheCacheStartsAgain() {
        ChangeStampedCache<String, String> cache = new ChangeStampedCache<>(2, DomainEntity.class);
        cache.get("a", this::read);
        cache.get("b", this::read);
        cache.get("c", this::read);
        assertThat(cache.get("c", this::read)).isEqualTo("c#3");
        assertThat(cache.get("a", this::read)).isEqualTo("a#4");
    }

    @Test
    void aTableNobodyWatchesIsRefused() {
        assertThatThrownBy(() -> new ChangeStampedCache<String, String>(10, String.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.String");
    }

    private static DomainEntity domain() {
        return new DomainEntity("d1", "d", null, true);
    }
}
