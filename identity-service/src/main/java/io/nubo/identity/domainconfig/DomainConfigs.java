package io.nubo.identity.domainconfig;

import io.nubo.identity.directory.DomainDeleted;
import io.nubo.identity.directory.DomainRepository;
import io.nubo.identity.error.IdentityError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** A domain's configuration: groups of options, validated against {@link DomainConfigOptions}. */
@Service
public class DomainConfigs {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DomainConfigRepository options;
    private final DomainRepository domains;

    public DomainConfigs(DomainConfigRepository options, DomainRepository domains) {
        this.options = options;
        this.domains = domains;
    }

    /** The stored configuration (sensitive options included), empty when there is none. */
    @Transactional(readOnly = true)
    public Map<String, Map<String, Object>> load(String domainId) {
        if (!domains.existsById(domainId)) {
            throw IdentityError.NOT_FOUND.exception("domain", domainId);
        }
        Map<String, Map<String, Object>> config = new LinkedHashMap<>();
        for (DomainConfigEntity o : options.findByDomainId(domainId)) {
            config.computeIfAbsent(o.getGroupName(), g -> new LinkedHashMap<>())
                    .put(o.getOptionName(), o.getValue() == null ? null : JSON.readValue(o.getValue(), Object.class));
        }
        return config;
    }

    @Transactional
    public void save(String domainId, Map<String, Map<String, Object>> config) {
        options.deleteByDomainId(domainId);
        options.flush();
        List<DomainConfigEntity> rows = new ArrayList<>();
        config.forEach((group, opts) -> opts.forEach((option, value) -> rows.add(new DomainConfigEntity(domainId,
                group, option, JSON.writeValueAsString(value)))));
        options.saveAll(rows);
    }

    /** Checks a configuration given in a request: known groups and options only, each group an object. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> valid(Map<String, Object> given) {
        if (given == null || given.isEmpty()) {
            throw IdentityError.VALIDATION.exception("config", "a non-empty configuration is required");
        }
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> g : given.entrySet()) {
            if (!DomainConfigOptions.knownGroup(g.getKey()) || !(g.getValue() instanceof Map<?, ?> opts)) {
                throw IdentityError.FORBIDDEN_ACTION.exception("Group " + g.getKey()
                        + " is not supported for domain specific configurations.");
            }
            for (Object option : opts.keySet()) {
                if (!DomainConfigOptions.known(g.getKey(), String.valueOf(option))) {
                    throw IdentityError.FORBIDDEN_ACTION.exception("Option " + option + " in group " + g.getKey()
                            + " is not supported for domain specific configurations.");
                }
            }
            out.put(g.getKey(), new LinkedHashMap<>((Map<String, Object>) opts));
        }
        return out;
    }

    /** What may be shown: everything but the sensitive options. */
    static Map<String, Map<String, Object>> visible(Map<String, Map<String, Object>> config) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        config.forEach((group, opts) -> {
            Map<String, Object> shown = new LinkedHashMap<>(opts);
            DomainConfigOptions.SENSITIVE.forEach(shown::remove);
            out.put(group, shown);
        });
        return out;
    }

    @EventListener
    public void onDomainDeleted(DomainDeleted e) {
        options.deleteByDomainId(e.domainId());
    }
}
