package io.nubo.identity.token;

import io.nubo.identity.catalog.ServiceCatalog;
import io.nubo.identity.directory.DirectoryLookup;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** Renders {@link TokenFacts} as Keystone's token body, with names looked up and the catalog attached. */
@Component
public class TokenRenderer {

    static final DateTimeFormatter KEYSTONE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final DirectoryLookup directory;
    private final ServiceCatalog catalog;
    private final ApplicationCredentialVerifier credentials;
    private final TrustRedeemer trusts;

    public TokenRenderer(DirectoryLookup directory, ServiceCatalog catalog, ApplicationCredentialVerifier credentials,
                         TrustRedeemer trusts) {
        this.trusts = trusts;
        this.credentials = credentials;
        this.directory = directory;
        this.catalog = catalog;
    }

    public static String time(Instant t) {
        return KEYSTONE_TIME.format(t);
    }

    /**
     * Names and the catalog come from the directory's and the catalog's caches, which start no transaction when
     * they hold the answer: a begin and commit on every validation had cost more than the rendering.
     */
    public TokenBody render(TokenFacts t, boolean withCatalog) {
        DirectoryLookup.UserCard u = directory.userCard(t.userId()).orElse(null);
        TokenBody.User user = new TokenBody.User(t.userId(), u == null ? null : u.name(), domainRef(t.userDomainId()),
                u == null || u.passwordExpiresAt() == null ? null : time(u.passwordExpiresAt()));
        TokenBody.Project project = null;
        TokenBody.Ref domain = null;
        Map<String, Boolean> system = null;
        String catalogProject = null;
        if (t.scope() instanceof TokenScope.Project p) {
            project = new TokenBody.Project(p.projectId(), directory.projectName(p.projectId()).orElse(null),
                    domainRef(p.domainId()));
            catalogProject = p.projectId();
        } else if (t.scope() instanceof TokenScope.Domain d) {
            domain = domainRef(d.domainId());
        } else if (t.scope() instanceof TokenScope.System) {
            system = Map.of("all", true);
        }
        boolean scoped = !(t.scope() instanceof TokenScope.Unscoped);
        List<TokenBody.Ref> roleRefs = scoped ? t.roleNames().stream()
                .map(n -> directory.globalRole(n).map(r -> new TokenBody.Ref(r.id(), r.name())).orElse(null))
                .filter(Objects::nonNull).toList() : null;
        return new TokenBody(new TokenBody.Token(t.methods(), user, t.auditIds(), time(t.expiresAt()),
                time(t.issuedAt()), project, domain, system, project != null ? Boolean.FALSE : null, roleRefs,
                withCatalog && scoped ? catalog.forProject(catalogProject) : null,
                t.applicationCredentialId() == null ? null : credentials.describe(t.applicationCredentialId()),
                t.trustId() == null ? null : trusts.describe(t.trustId())));
    }

    private TokenBody.Ref domainRef(String id) {
        if (id == null) {
            return null;
        }
        return new TokenBody.Ref(id, directory.domainName(id).orElse(null));
    }
}
