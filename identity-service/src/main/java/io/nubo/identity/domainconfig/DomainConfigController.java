package io.nubo.identity.domainconfig;

import io.nubo.identity.error.IdentityError;
import io.nubo.shared.validation.ValidatedBody;
import io.nubo.shared.policy.Policy;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v3/domains/{id}/config[/{group}[/{option}]]} and the defaults under {@code /v3/domains/config}. Nubo keeps
 * every domain's users in its own database: the configuration is stored and served (Keystone's API), not yet used to
 * reach an LDAP server.
 */
@RestController
public class DomainConfigController {

    public record ConfigBody(Map<String, Object> config) {
    }

    /**
     * {@code {"config": {...}}}: the root wrapper of every answer. What it wraps is keyed by the groups and options
     * configured, so it stays a map.
     */
    public record ConfigResponse(Map<String, ?> config) {
    }

    private final DomainConfigs configs;

    public DomainConfigController(DomainConfigs configs) {
        this.configs = configs;
    }

    @PutMapping("/v3/domains/{id}/config")
    @ValidatedBody("identity/domain-config-update.json")
    @Transactional
    @Policy("identity:create_domain_config")
    public ResponseEntity<ConfigResponse> create(@PathVariable String id, @RequestBody ConfigBody body) {
        boolean existed = !configs.load(id).isEmpty();
        Map<String, Map<String, Object>> config = DomainConfigs.valid(body.config());
        configs.save(id, config);
        return ResponseEntity.status(existed ? HttpStatus.OK : HttpStatus.CREATED)
                .body(new ConfigResponse(DomainConfigs.visible(config)));
    }

    @GetMapping("/v3/domains/{id}/config")
    @Policy("identity:get_domain_config")
    public ConfigResponse show(@PathVariable String id) {
        return new ConfigResponse(DomainConfigs.visible(existing(id)));
    }

    @PatchMapping("/v3/domains/{id}/config")
    @ValidatedBody("identity/domain-config-update.json")
    @Transactional
    @Policy("identity:update_domain_config")
    public ConfigResponse update(@PathVariable String id, @RequestBody ConfigBody body) {
        Map<String, Map<String, Object>> config = existing(id);
        DomainConfigs.valid(body.config()).forEach((g, opts) -> config.computeIfAbsent(g, k -> new LinkedHashMap<>())
                .putAll(opts));
        configs.save(id, config);
        return new ConfigResponse(DomainConfigs.visible(config));
    }

    @DeleteMapping("/v3/domains/{id}/config")
    @Transactional
    @Policy("identity:delete_domain_config")
    public ResponseEntity<Void> delete(@PathVariable String id) {
        existing(id);
        configs.save(id, Map.of());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/v3/domains/{id}/config/{group}")
    @Policy("identity:get_domain_config")
    public ConfigResponse showGroup(@PathVariable String id, @PathVariable String group) {
        return new ConfigResponse(Map.of(group, DomainConfigs.visible(Map.of(group, group(existing(id), group)))
                .get(group)));
    }

    @PatchMapping("/v3/domains/{id}/config/{group}")
    @ValidatedBody("identity/domain-config-group-update.json")
    @Transactional
    @Policy("identity:update_domain_config")
    public ConfigResponse updateGroup(@PathVariable String id, @PathVariable String group,
                                           @RequestBody ConfigBody body) {
        Map<String, Map<String, Object>> given = DomainConfigs.valid(body.config());
        if (given.size() != 1 || !given.containsKey(group)) {
            throw IdentityError.VALIDATION.exception("config", "the body must configure group " + group + " only");
        }
        Map<String, Map<String, Object>> config = existing(id);
        group(config, group).putAll(given.get(group));
        configs.save(id, config);
        return new ConfigResponse(DomainConfigs.visible(config));
    }

    @DeleteMapping("/v3/domains/{id}/config/{group}")
    @Transactional
    @Policy("identity:delete_domain_config")
    public ResponseEntity<Void> deleteGroup(@PathVariable String id, @PathVariable String group) {
        Map<String, Map<String, Object>> config = existing(id);
        group(config, group);
        config.remove(group);
        configs.save(id, config);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/v3/domains/{id}/config/{group}/{option}")
    @Policy("identity:get_domain_config")
    public ConfigResponse showOption(@PathVariable String id, @PathVariable String group,
                                          @PathVariable String option) {
        Map<String, Object> opts = group(existing(id), group);
        if (!opts.containsKey(option) || DomainConfigOptions.SENSITIVE.contains(option)) {
            throw IdentityError.NOT_FOUND.exception("domain config option", option);
        }
        return new ConfigResponse(singleton(option, opts.get(option)));
    }

    @PatchMapping("/v3/domains/{id}/config/{group}/{option}")
    @ValidatedBody("identity/domain-config-option-update.json")
    @Transactional
    @Policy("identity:update_domain_config")
    public ConfigResponse updateOption(@PathVariable String id, @PathVariable String group,
                                            @PathVariable String option, @RequestBody ConfigBody body) {
        if (body.config() == null || body.config().size() != 1 || !body.config().containsKey(option)
                || !DomainConfigOptions.known(group, option)) {
            throw IdentityError.VALIDATION.exception("config", "the body must set option " + option + " only");
        }
        Map<String, Map<String, Object>> config = existing(id);
        group(config, group).put(option, body.config().get(option));
        configs.save(id, config);
        return new ConfigResponse(DomainConfigs.visible(config));
    }

    @DeleteMapping("/v3/domains/{id}/config/{group}/{option}")
    @Transactional
    @Policy("identity:delete_domain_config")
    public ResponseEntity<Void> deleteOption(@PathVariable String id, @PathVariable String group,
                                             @PathVariable String option) {
        Map<String, Map<String, Object>> config = existing(id);
        if (!group(config, group).containsKey(option)) {
            throw IdentityError.NOT_FOUND.exception("domain config option", option);
        }
        config.get(group).remove(option);
        if (config.get(group).isEmpty()) {
            config.remove(group);
        }
        configs.save(id, config);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/v3/domains/config/default")
    @Policy("identity:get_domain_config_default")
    public ConfigResponse defaults() {
        return new ConfigResponse(DomainConfigOptions.defaults());
    }

    @GetMapping("/v3/domains/config/{group}/default")
    @Policy("identity:get_domain_config_default")
    public ConfigResponse groupDefaults(@PathVariable String group) {
        if (!DomainConfigOptions.knownGroup(group)) {
            throw IdentityError.NOT_FOUND.exception("domain config group", group);
        }
        return new ConfigResponse(Map.of(group, DomainConfigOptions.defaults().get(group)));
    }

    @GetMapping("/v3/domains/config/{group}/{option}/default")
    @Policy("identity:get_domain_config_default")
    public ConfigResponse optionDefault(@PathVariable String group, @PathVariable String option) {
        if (!DomainConfigOptions.knownGroup(group) || !DomainConfigOptions.defaults().get(group).containsKey(option)) {
            throw IdentityError.NOT_FOUND.exception("domain config option", option);
        }
        return new ConfigResponse(singleton(option, DomainConfigOptions.defaults().get(group).get(option)));
    }

    private Map<String, Map<String, Object>> existing(String id) {
        Map<String, Map<String, Object>> config = configs.load(id);
        if (config.isEmpty()) {
            throw IdentityError.NOT_FOUND.exception("domain config", id);
        }
        return config;
    }

    private static Map<String, Object> group(Map<String, Map<String, Object>> config, String group) {
        Map<String, Object> opts = config.get(group);
        if (opts == null) {
            throw IdentityError.NOT_FOUND.exception("domain config group", group);
        }
        return opts;
    }

    /** {@code {option: value}}; the value may be null (Map.of refuses nulls). */
    private static Map<String, Object> singleton(String option, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(option, value);
        return m;
    }
}
