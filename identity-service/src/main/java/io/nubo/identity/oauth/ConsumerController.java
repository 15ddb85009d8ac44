package io.nubo.identity.oauth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.nubo.identity.api.SelfLink;
import io.nubo.identity.error.IdentityError;
import io.nubo.identity.api.Links;
import io.nubo.shared.validation.ValidatedBody;
import io.nubo.shared.policy.Policy;
import java.security.SecureRandom;
import java.util.List;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v3/OS-OAUTH1/consumers}: OAuth 1.0a consumers (administrators). The secret is shown once and kept as a
 * bcrypt hash. The OAuth1 delegation flow itself (request and access tokens) is not offered yet.
 */
@RestController
@RequestMapping("/v3/OS-OAUTH1/consumers")
public class ConsumerController {

    private static final SecureRandom RANDOM = new SecureRandom();

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ConsumerInput(String description, String secret) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ConsumerBody(ConsumerInput consumer) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Consumer(String id, @JsonInclude(JsonInclude.Include.ALWAYS) String description, String secret,
                           SelfLink links) {
        static Consumer of(ConsumerEntity c, String secret) {
            return new Consumer(c.getId(), c.getDescription(), secret,
                    SelfLink.to("/v3/OS-OAUTH1/consumers/" + c.getId()));
        }
    }

    /** {@code {"consumer": {...}}} */
    public record ConsumerResponse(Consumer consumer) {
    }

    /** {@code {"consumers": [...], "links": {...}}} */
    public record Consumers(List<Consumer> consumers, Links links) {
    }

    private final ConsumerRepository consumers;
    private final PasswordEncoder passwords;

    public ConsumerController(ConsumerRepository consumers, PasswordEncoder passwords) {
        this.consumers = consumers;
        this.passwords = passwords;
    }

    @PostMapping
    @ValidatedBody("identity/consumer-create.json")
    @Policy("identity:create_consumer")
    @Transactional
    public ResponseEntity<ConsumerResponse> create(@RequestBody(required = false) ConsumerBody body) {
        ConsumerInput in = body == null || body.consumer() == null ? new ConsumerInput(null, null) : body.consumer();
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        String secret = HexFormat.of().formatHex(b);
        ConsumerEntity c = consumers.save(new ConsumerEntity(UUID.randomUUID().toString().replace("-", ""),
                in.description(), passwords.encode(secret)));
        return ResponseEntity.status(HttpStatus.CREATED).body(new ConsumerResponse(Consumer.of(c, secret)));
    }

    @GetMapping
    @Policy("identity:list_consumers")
    @Transactional(readOnly = true)
    public Consumers list() {
        return new Consumers(consumers.findAll().stream().map(c -> Consumer.of(c, null)).toList(),
                Links.ofCurrentRequest());
    }

    @GetMapping("/{id}")
    @Policy("identity:get_consumer")
    @Transactional(readOnly = true)
    public ConsumerResponse show(@PathVariable String id) {
        return new ConsumerResponse(Consumer.of(get(id), null));
    }

    @PatchMapping("/{id}")
    @ValidatedBody("identity/consumer-update.json")
    @Policy("identity:update_consumer")
    @Transactional
    public ConsumerResponse update(@PathVariable String id, @RequestBody ConsumerBody body) {
        if (body == null || body.consumer() == null) {
            throw IdentityError.VALIDATION.exception("consumer", "'consumer' is a required property");
        }
        if (body.consumer().secret() != null) {
            throw IdentityError.VALIDATION.exception("secret", "a consumer's secret cannot be changed");
        }
        ConsumerEntity c = get(id);
        if (body.consumer().description() != null) {
            c.describe(body.consumer().description());
        }
        return new ConsumerResponse(Consumer.of(c, null));
    }

    @DeleteMapping("/{id}")
    @Policy("identity:delete_consumer")
    @Transactional
    public ResponseEntity<Void> delete(@PathVariable String id) {
        consumers.delete(get(id));
        return ResponseEntity.noContent().build();
    }

    private ConsumerEntity get(String id) {
        return consumers.findById(id).orElseThrow(() -> IdentityError.NOT_FOUND.exception("consumer", id));
    }
}
