package io.nubo.objectstore.access;

import io.nubo.objectstore.config.ObjectStoreProperties;
import io.nubo.objectstore.error.SwiftError;
import io.nubo.objectstore.error.SwiftException;
import io.nubo.shared.security.NuboPrincipal;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Who may do what, as Swift's keystoneauth decides: a reseller admin owns every account; a user with an operator
 * role owns its own project's account; anyone else gets in only through a container ACL (or a TempURL, checked
 * elsewhere). Refusals are 401 for an anonymous caller and 403 for a known one.
 */
@Component
public class AccessPolicy {

    public static final String READ_ACL = "x-container-read";
    public static final String WRITE_ACL = "x-container-write";

    private final ObjectStoreProperties props;

    public AccessPolicy(ObjectStoreProperties props) {
        this.props = props;
    }

    public boolean isResellerAdmin(NuboPrincipal p) {
        return p != null && props.resellerAdminRoles().stream().anyMatch(p::hasRole);
    }

    public boolean isOwner(NuboPrincipal p, String account) {
        if (p == null) {
            return false;
        }
        if (isResellerAdmin(p)) {
            return true;
        }
        return account.equals("AUTH_" + p.projectId()) && props.operatorRoles().stream().anyMatch(p::hasRole);
    }

    public void requireOwner(NuboPrincipal p, String account) {
        if (!isOwner(p, account)) {
            throw refusal(p);
        }
    }

    /** Reading objects (and, with {@code listing}, the container listing). */
    public void requireRead(NuboPrincipal p, String account, Map<String, String> containerMeta, String referer,
                            boolean listing) {
        if (isOwner(p, account)) {
            return;
        }
        ContainerAcl acl = ContainerAcl.parse(containerMeta.get(READ_ACL));
        if (acl.grants(p) || (acl.admitsReferrer(referer) && (!listing || acl.listings()))) {
            return;
        }
        throw refusal(p);
    }

    public void requireWrite(NuboPrincipal p, String account, Map<String, String> containerMeta) {
        if (isOwner(p, account) || ContainerAcl.parse(containerMeta.get(WRITE_ACL)).grants(p)) {
            return;
        }
        throw refusal(p);
    }

    public static SwiftException refusal(NuboPrincipal p) {
        return p == null ? SwiftError.OS_003_UNAUTHORIZED.error() : SwiftError.OS_004_FORBIDDEN.error();
    }
}
