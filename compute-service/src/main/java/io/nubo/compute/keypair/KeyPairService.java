package io.nubo.compute.keypair;

import io.nubo.compute.quota.QuotaResource;
import io.nubo.compute.quota.QuotaService;
import io.nubo.compute.quota.UsageCounter;
import io.nubo.compute.error.ComputeError;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A user's key pairs (os-keypairs): imported or generated, counted against the key_pairs quota. */
@Service
public class KeyPairService implements UsageCounter {

    private final KeyPairRepository keys;
    private final QuotaService quotas;
    private final Clock clock;

    KeyPairService(KeyPairRepository keys, @org.springframework.context.annotation.Lazy QuotaService quotas,
                   Clock clock) {
        this.keys = keys;
        this.quotas = quotas;
        this.clock = clock;
    }

    /** A key pair as other features see it. */
    public record KeyPair(long id, String userId, String name, String type, String publicKey, String fingerprint,
                          Instant createdAt, String privateKey) {
    }

    /** Imports {@code publicKey}, or generates a pair when it is null (the private key is returned once). */
    @Transactional
    public KeyPair create(String userId, String projectId, String name, String type, String publicKey) {
        quotas.reserve("user:" + userId, projectId, userId, Map.of(QuotaResource.KEY_PAIRS, 1));
        if (keys.findByUserIdAndName(userId, name).isPresent()) {
            throw ComputeError.KEYPAIR_EXISTS.exception(name);
        }
        boolean x509 = "x509".equals(type);
        String privateKey = null;
        if (publicKey == null) {
            SshKeys.Generated g = x509 ? X509Keys.generate(userId) : SshKeys.generateRsa("Generated-by-Nova");
            publicKey = g.publicKey();
            privateKey = g.privateKey();
        }
        String fingerprint;
        try {
            fingerprint = x509 ? X509Keys.fingerprint(publicKey) : SshKeys.parse(publicKey).fingerprint();
        } catch (IllegalArgumentException e) {
            throw ComputeError.INVALID_KEYPAIR.exception(e.getMessage());
        }
        KeyPairEntity k = new KeyPairEntity();
        k.userId = userId;
        k.projectId = projectId;
        k.name = name;
        k.keyType = type;
        k.publicKey = publicKey.trim();
        k.fingerprint = fingerprint;
        k.createdAt = clock.instant();
        try {
            keys.saveAndFlush(k);
        } catch (DataIntegrityViolationException concurrent) {
            throw ComputeError.KEYPAIR_EXISTS.exception(name);
        }
        return view(k, privateKey);
    }

    @Transactional(readOnly = true)
    public List<KeyPair> list(String userId) {
        return keys.findByUserIdOrderByName(userId).stream().map(k -> view(k, null)).toList();
    }

    @Transactional(readOnly = true)
    public Optional<KeyPair> find(String userId, String name) {
        return keys.findByUserIdAndName(userId, name).map(k -> view(k, null));
    }

    @Transactional(readOnly = true)
    public KeyPair get(String userId, String name) {
        return find(userId, name).orElseThrow(() -> ComputeError.KEYPAIR_NOT_FOUND.exception(name, userId));
    }

    @Transactional
    public void delete(String userId, String name) {
        KeyPairEntity k = keys.findByUserIdAndName(userId, name)
                .orElseThrow(() -> ComputeError.KEYPAIR_NOT_FOUND.exception(name, userId));
        keys.delete(k);
    }

    @Override
    public Map<QuotaResource, Integer> inUse(String projectId, String userId) {
        return userId == null ? Map.of() : Map.of(QuotaResource.KEY_PAIRS, (int) keys.countByUserId(userId));
    }

    private static KeyPair view(KeyPairEntity k, String privateKey) {
        return new KeyPair(k.id, k.userId, k.name, k.keyType, k.publicKey, k.fingerprint, k.createdAt, privateKey);
    }
}
