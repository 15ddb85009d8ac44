package io.nubo.identity.appcred;

import io.nubo.identity.directory.DomainEntity;
import io.nubo.identity.directory.DomainRepository;
import io.nubo.identity.directory.UserEntity;
import io.nubo.identity.directory.UserRepository;
import io.nubo.identity.token.ApplicationCredentialVerifier;
import io.nubo.identity.token.AuthRequest;
import io.nubo.identity.token.TokenBody;
import io.nubo.identity.error.IdentityError;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The {@code application_credential} auth method: the credential by id, or by name and its user; then the secret. */
@Component
public class ApplicationCredentialMethod implements ApplicationCredentialVerifier {

    private final ApplicationCredentialRepository repository;
    private final ApplicationCredentials credentials;
    private final UserRepository users;
    private final DomainRepository domains;

    public ApplicationCredentialMethod(ApplicationCredentialRepository repository, ApplicationCredentials credentials,
                                       UserRepository users, DomainRepository domains) {
        this.repository = repository;
        this.credentials = credentials;
        this.users = users;
        this.domains = domains;
    }

    @Override
    @Transactional(readOnly = true)
    public Verified verify(AuthRequest.ApplicationCredential given) {
        if (given == null || given.secret() == null) {
            throw IdentityError.BAD_REQUEST.exception("Expecting to find id or name, and secret, in "
                    + "application_credential.");
        }
        ApplicationCredentialEntity c;
        if (given.id() != null) {
            c = repository.findById(given.id()).orElse(null);
        } else if (given.name() != null && given.user() != null) {
            String userId = userId(given.user());
            c = userId == null ? null : repository.findByUserIdAndName(userId, given.name()).orElse(null);
        } else {
            throw IdentityError.BAD_REQUEST.exception("Expecting to find id, or name and user, in "
                    + "application_credential.");
        }
        ApplicationCredentialEntity opened = credentials.open(c, given.secret());
        if (opened == null) {
            return null;
        }
        return new Verified(opened.getId(), opened.getUserId(), opened.getProjectId(), opened.getRoleIds(),
                ApplicationCredentials.auditChainOf(opened.getId()));
    }

    @Override
    @Transactional(readOnly = true)
    public TokenBody.ApplicationCredential describe(String credentialId) {
        return repository.findById(credentialId)
                .map(c -> new TokenBody.ApplicationCredential(c.getId(), c.getName(), !c.isUnrestricted()))
                .orElse(null);
    }

    private String userId(AuthRequest.User u) {
        if (u.id() != null) {
            return u.id();
        }
        if (u.name() == null || u.domain() == null) {
            return null;
        }
        String domainId = u.domain().id() != null ? u.domain().id()
                : domains.findByName(u.domain().name()).map(DomainEntity::getId).orElse(null);
        return domainId == null ? null : users.findByDomainIdAndName(domainId, u.name()).map(UserEntity::getId)
                .orElse(null);
    }
}
