package io.nubo.identity.readcache;

import jakarta.persistence.EntityListeners;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What was read from some entity tables, kept until one of them is written ({@link EntityChanges}). An entry is
 * stamped with the tables' generation taken before it was read, so an entry read while a write was committing is
 * read again on its next use. A transaction that may write always reads the tables (it must see its own writes).
 * At most {@code maxEntries} are kept (past that, all are dropped: the directory's names and the catalog are
 * small, and a full cache only means one more read each).
 *
 * <p>Values must be immutable (records of immutable lists): every caller gets the same instance.
 */
public final class ChangeStampedCache<K, V> {

    private record Stamped<V>(long stamp, V value) {
    }

    private final Class<?>[] tables;
    private final int maxEntries;
    private final Map<K, Stamped<V>> entries = new ConcurrentHashMap<>();

    /** A cache of what is read from the given entity classes' tables, each with {@code EntityChanges} listening. */
    public ChangeStampedCache(int maxEntries, Class<?>... tables) {
        if (maxEntries < 1 || tables.length == 0) {
            throw new IllegalArgumentException("a cache needs room and the tables it reads");
        }
        for (Class<?> t : tables) {
            EntityListeners l = t.getAnnotation(EntityListeners.class);
            if (l == null || !List.of(l.value()).contains(EntityChanges.class)) {
                throw new IllegalArgumentException(t.getName() + " is not watched by EntityChanges");
            }
        }
        this.tables = tables.clone();
        this.maxEntries = maxEntries;
    }

    /** The value for the key, read with {@code loader} when absent or when a table changed since it was read. */
    public V get(K key, Function<K, V> loader) {
        Objects.requireNonNull(key, "key");
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            // a transaction that may write reads its own writes, which no cache holds before they commit
            return loader.apply(key);
        }
        long now = EntityChanges.stamp(tables);
        Stamped<V> e = entries.get(key);
        if (e != null && e.stamp() == now) {
            return e.value();
        }
        V value = loader.apply(key);
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Stamped<>(now, value));
        return value;
    }
}
