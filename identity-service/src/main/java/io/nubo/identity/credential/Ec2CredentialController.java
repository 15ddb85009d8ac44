package io.nubo.identity.credential;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.identity.api.SelfLink;
import io.nubo.identity.error.IdentityError;
import io.nubo.identity.api.Links;
import io.nubo.shared.validation.ValidatedBody;
import io.nubo.shared.policy.Policy;
import java.security.SecureRandom;
import java.util.List;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v3/users/{id}/credentials/OS-EC2}: EC2-style access/secret pairs, kept as {@code ec2} credentials. */
@RestController
@RequestMapping("/v3/users/{userId}/credentials/OS-EC2")
public class Ec2CredentialController {

    private static final SecureRandom RANDOM = new SecureRandom();

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Ec2Input(@JsonProperty("tenant_id") String tenantId) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Ec2(@JsonProperty("user_id") String userId, @JsonProperty("tenant_id") String tenantId,
                      String access, String secret, @JsonProperty("trust_id") String trustId,
                      SelfLink links) {
    }

    /** {@code {"credential": {...}}} */
    public record Ec2Response(Ec2 credential) {
    }

    /** {@code {"credentials": [...], "links": {...}}} */
    public record Ec2List(List<Ec2> credentials, Links links) {
    }

    private final Credentials credentials;
    private final CredentialRepository repository;

    public Ec2CredentialController(Credentials credentials, CredentialRepository repository) {
        this.credentials = credentials;
        this.repository = repository;
    }

    @PostMapping
    @ValidatedBody("identity/ec2-credential-create.json")
    @Policy("identity:ec2_create_credential")
    public ResponseEntity<Ec2Response> create(@PathVariable String userId, @RequestBody Ec2Input in) {
        if (in == null || in.tenantId() == null) {
            throw IdentityError.VALIDATION.exception("tenant_id", "'tenant_id' is a required property");
        }
        Map<String, Object> blob = new LinkedHashMap<>();
        blob.put("access", random());
        blob.put("secret", random());
        blob.put("trust_id", null);
        CredentialEntity c = credentials.create(userId, in.tenantId(), Credentials.EC2, Credentials.blobJson(blob));
        return ResponseEntity.status(HttpStatus.CREATED).body(new Ec2Response(view(c)));
    }

    @GetMapping
    @Policy("identity:ec2_list_credentials")
    public Ec2List list(@PathVariable String userId) {
        return new Ec2List(repository.findByUserIdAndType(userId, Credentials.EC2).stream()
                .map(this::view).toList(), Links.ofCurrentRequest());
    }

    @GetMapping("/{access}")
    @Policy("identity:ec2_get_credential")
    public Ec2Response show(@PathVariable String userId, @PathVariable String access) {
        return new Ec2Response(view(find(userId, access)));
    }

    @DeleteMapping("/{access}")
    @Policy("identity:ec2_delete_credential")
    public ResponseEntity<Void> delete(@PathVariable String userId, @PathVariable String access) {
        credentials.delete(find(userId, access).getId());
        return ResponseEntity.noContent().build();
    }

    private CredentialEntity find(String userId, String access) {
        return repository.findById(Credentials.sha256(access))
                .filter(c -> c.getUserId().equals(userId) && Credentials.EC2.equals(c.getType()))
                .orElseThrow(() -> IdentityError.NOT_FOUND.exception("credential", access));
    }

    private Ec2 view(CredentialEntity c) {
        Map<String, Object> blob = Credentials.blobOf(c);
        String access = String.valueOf(blob.get("access"));
        return new Ec2(c.getUserId(), c.getProjectId(), access, (String) blob.get("secret"),
                (String) blob.get("trust_id"), SelfLink.to("/v3/users/" + c.getUserId()
                + "/credentials/OS-EC2/" + access));
    }

    private static String random() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
