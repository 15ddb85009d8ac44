package io.nubo.identity.credential;

import io.nubo.identity.directory.ProjectRepository;
import io.nubo.identity.directory.UserDeleted;
import io.nubo.identity.directory.UserRepository;
import io.nubo.identity.error.IdentityError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keystone's credentials. An {@code ec2} credential's blob is JSON with {@code access} and {@code secret}, needs a
 * project, and its id is the SHA-256 of the access key (so it can be found by access key), as in Keystone.
 */
@Service
public class Credentials {

    static final String EC2 = "ec2";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CredentialRepository credentials;
    private final UserRepository users;
    private final ProjectRepository projects;

    public Credentials(CredentialRepository credentials, UserRepository users, ProjectRepository projects) {
        this.credentials = credentials;
        this.users = users;
        this.projects = projects;
    }

    @Transactional
    public CredentialEntity create(String userId, String projectId, String type, String blob) {
        if (userId == null || type == null || type.isBlank() || blob == null) {
            throw IdentityError.VALIDATION.exception("credential", "'user_id', 'type' and 'blob' are required");
        }
        if (!users.existsById(userId)) {
            throw IdentityError.NOT_FOUND.exception("user", userId);
        }
        if (projectId != null && !projects.existsById(projectId)) {
            throw IdentityError.NOT_FOUND.exception("project", projectId);
        }
        String id = UUID.randomUUID().toString().replace("-", "");
        if (EC2.equals(type)) {
            if (projectId == null) {
                throw IdentityError.VALIDATION.exception("project_id", "an ec2 credential needs a project");
            }
            id = sha256(ec2Access(blob));
            if (credentials.existsById(id)) {
                throw IdentityError.CONFLICT.exception("credential", id, "");
            }
        }
        return credentials.save(new CredentialEntity(id, userId, projectId, type, blob));
    }

    @Transactional(readOnly = true)
    public CredentialEntity get(String id) {
        return credentials.findById(id).orElseThrow(() -> IdentityError.NOT_FOUND.exception("credential", id));
    }

    @Transactional
    public CredentialEntity update(String id, String userId, String projectId, String type, String blob) {
        CredentialEntity c = get(id);
        if (userId != null && !users.existsById(userId)) {
            throw IdentityError.NOT_FOUND.exception("user", userId);
        }
        if (projectId != null && !projects.existsById(projectId)) {
            throw IdentityError.NOT_FOUND.exception("project", projectId);
        }
        if (EC2.equals(type != null ? type : c.getType()) && blob != null) {
            ec2Access(blob);
        }
        c.update(userId, projectId, type, blob);
        return c;
    }

    @Transactional
    public void delete(String id) {
        credentials.delete(get(id));
    }

    @EventListener
    public void onUserDeleted(UserDeleted e) {
        credentials.deleteByUserId(e.userId());
    }

    static String ec2Access(String blob) {
        Map<String, Object> parsed;
        try {
            parsed = JSON.readValue(blob, new TypeReference<Map<String, Object>>() {
            });
        } catch (JacksonException e) {
            throw IdentityError.VALIDATION.exception("blob", "an ec2 blob must be a JSON object");
        }
        if (!(parsed.get("access") instanceof String access) || access.isBlank()) {
            throw IdentityError.VALIDATION.exception("blob", "an ec2 blob needs 'access'");
        }
        return access;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String blobJson(Map<String, Object> blob) {
        return JSON.writeValueAsString(blob);
    }

    static Map<String, Object> blobOf(CredentialEntity c) {
        try {
            return JSON.readValue(c.getBlob(), new TypeReference<Map<String, Object>>() {
            });
        } catch (JacksonException e) {
            return Map.of();
        }
    }
}
