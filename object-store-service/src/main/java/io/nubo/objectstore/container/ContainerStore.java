package io.nubo.objectstore.container;

import io.nubo.objectstore.account.AccountEntity;
import io.nubo.objectstore.account.AccountRepository;
import io.nubo.objectstore.account.Usage;
import io.nubo.objectstore.account.UsageEvents;
import io.nubo.objectstore.error.SwiftError;
import io.nubo.objectstore.metadata.MetadataMap;
import io.nubo.objectstore.object.ObjectCatalog;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accounts and containers: their rows, metadata and usage (the objects' usage as the object catalog counts it). */
@Service
public class ContainerStore {

    private final AccountRepository accounts;
    private final ContainerRepository containers;
    private final ObjectCatalog objects;
    private final UsageEvents events;

    public ContainerStore(AccountRepository accounts, ContainerRepository containers, ObjectCatalog objects,
                          UsageEvents events) {
        this.accounts = accounts;
        this.containers = containers;
        this.objects = objects;
        this.events = events;
    }

    @Transactional(readOnly = true)
    public Optional<AccountEntity> account(String account) {
        return accounts.findById(account);
    }

    @Transactional
    public AccountEntity ensureAccount(String account) {
        return accounts.findById(account).orElseGet(() -> {
            try {
                String project = account.startsWith("AUTH_") ? account.substring(5) : "";
                return accounts.saveAndFlush(new AccountEntity(account, project, Instant.now(), "{}"));
            } catch (DataIntegrityViolationException e) {
                return accounts.findById(account).orElseThrow(() -> e);
            }
        });
    }

    @Transactional
    public void setAccountMetadata(String account, Map<String, String> metadata) {
        AccountEntity a = ensureAccount(account);
        a.setMetadata(MetadataMap.write(metadata));
        accounts.save(a);
    }

    @Transactional(readOnly = true)
    public Usage accountUsage(String account) {
        return objects.accountUsage(account);
    }

    @Transactional(readOnly = true)
    public long containerCount(String account) {
        return containers.countByAccount(account);
    }

    @Transactional(readOnly = true)
    public Optional<ContainerEntity> container(String account, String name) {
        return containers.findByAccountAndName(account, name);
    }

    public ContainerEntity existing(String account, String name) {
        return container(account, name).orElseThrow(SwiftError.OS_001_NOT_FOUND::error);
    }

    @Transactional(readOnly = true)
    public Usage containerUsage(String containerId) {
        return objects.containerUsage(containerId);
    }

    /** Creates the container (true) or updates its metadata (false). */
    @Transactional
    public boolean createOrUpdate(String account, String name, Map<String, String> metadata) {
        ensureAccount(account);
        Optional<ContainerEntity> found = containers.findByAccountAndName(account, name);
        if (found.isPresent()) {
            found.get().setMetadata(MetadataMap.write(metadata));
            return false;
        }
        containers.saveAndFlush(new ContainerEntity(UUID.randomUUID().toString(), account, name, Instant.now(),
                MetadataMap.write(metadata)));
        events.publish(account, name, null, "container.created", 0, 0);
        return true;
    }

    @Transactional
    public void setMetadata(String containerId, Map<String, String> metadata) {
        ContainerEntity c = containers.findById(containerId).orElseThrow(SwiftError.OS_001_NOT_FOUND::error);
        c.setMetadata(MetadataMap.write(metadata));
    }

    @Transactional
    public void delete(String account, String name) {
        ContainerEntity c = containers.findByAccountAndName(account, name)
                .orElseThrow(SwiftError.OS_001_NOT_FOUND::error);
        if (objects.holdsObjects(c.getId())) {
            throw SwiftError.OS_005_CONFLICT.error("There was a conflict when trying to complete your request.");
        }
        containers.delete(c);
        events.publish(account, name, null, "container.deleted", 0, 0);
    }

    /** One page of an account's containers after (or, reversed, before) a name. */
    @Transactional(readOnly = true)
    public List<ContainerEntity> page(String account, String from, boolean reverse, int limit) {
        return reverse
                ? containers.findByAccountAndNameLessThanOrderByNameDesc(account, from == null ? "\uffff" : from,
                Limit.of(limit))
                : containers.findByAccountAndNameGreaterThanOrderByNameAsc(account, from == null ? "" : from,
                Limit.of(limit));
    }

    @Transactional(readOnly = true)
    public Map<String, Usage> usageByContainer(String account) {
        Map<String, Usage> m = new HashMap<>();
        for (Object[] r : containers.usageByContainer(account)) {
            m.put((String) r[0], new Usage(((Number) r[1]).longValue(), ((Number) r[2]).longValue()));
        }
        return m;
    }

    public static TreeMap<String, String> metadataOf(ContainerEntity c) {
        return MetadataMap.parse(c.getMetadata());
    }
}
