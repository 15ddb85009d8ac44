package io.nubo.identity.readcache;

import jakarta.persistence.Entity;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A JPA entity listener that counts the writes to each entity class it is put on
 * ({@code @EntityListeners(EntityChanges.class)}): a class's generation goes up after the transaction that
 * inserted, updated or deleted one of its rows ends, so a {@link ChangeStampedCache} that read under an older
 * generation reads again. Identity writes every watched table through JPA (no bulk or native updates), and runs as
 * one instance, so no write goes unseen.
 *
 * <p>The counters are static because Hibernate makes the listener itself: two application contexts in one JVM (the
 * all-in-one's tests) then share them, which can only make a cache read again more often than it needs to.
 */
public class EntityChanges {

    private static final ConcurrentHashMap<Class<?>, AtomicLong> GENERATIONS = new ConcurrentHashMap<>();

    @PostPersist
    @PostUpdate
    @PostRemove
    void changed(Object entity) {
        AtomicLong generation = counter(entity.getClass());
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            generation.incrementAndGet();
            return;
        }
        // after the commit (or the rollback): a reader that loaded before it carries the older stamp; bumping before
        // the commit would let a reader stamp the not-yet-visible change's old rows with the new generation
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                generation.incrementAndGet();
            }
        });
    }

    /** The sum of the classes' generations: it changes whenever one of them does. */
    static long stamp(Class<?>[] classes) {
        long sum = 0;
        for (Class<?> c : classes) {
            sum += counter(c).get();
        }
        return sum;
    }

    private static AtomicLong counter(Class<?> entityClass) {
        // a Hibernate proxy is a subclass: count it as its entity class
        Class<?> c = entityClass;
        while (c.getSuperclass() != null && !c.isAnnotationPresent(Entity.class)) {
            c = c.getSuperclass();
        }
        return GENERATIONS.computeIfAbsent(c, k -> new AtomicLong());
    }
}
