package io.nubo.objectstore.access;

import io.nubo.shared.security.NuboPrincipal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's {@code X-Container-Read} or {@code X-Container-Write} value as keystoneauth reads it:
 * {@code .r:*} / {@code .r:.example.com} referrers (read only), {@code .rlistings}, {@code <project>:<user>} with
 * {@code *} for any, and bare role names.
 */
public record ContainerAcl(List<String> referrers, boolean listings, List<String[]> grants, List<String> roles) {

    public static ContainerAcl parse(String value) {
        List<String> referrers = new ArrayList<>();
        List<String[]> grants = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        boolean listings = false;
        if (value != null) {
            for (String raw : value.split(",")) {
                String item = raw.trim();
                if (item.isEmpty()) {
                    continue;
                }
                if (item.equals(".rlistings")) {
                    listings = true;
                } else if (item.startsWith(".r:") || item.startsWith(".ref:") || item.startsWith(".referer:")
                        || item.startsWith(".referrer:")) {
                    referrers.add(item.substring(item.indexOf(':') + 1));
                } else if (item.contains(":")) {
                    grants.add(item.split(":", 2));
                } else {
                    roles.add(item);
                }
            }
        }
        return new ContainerAcl(referrers, listings, grants, roles);
    }

    /** Whether a known user is named by project and user, or by one of its roles. */
    public boolean grants(NuboPrincipal p) {
        if (p == null) {
            return false;
        }
        for (String[] g : grants) {
            if ((g[0].equals("*") || g[0].equals(p.projectId())) && (g[1].equals("*") || g[1].equals(p.userId()))) {
                return true;
            }
        }
        return roles.stream().anyMatch(p::hasRole);
    }

    /** Whether a referrer grant admits this request (anonymous or not). */
    public boolean admitsReferrer(String referer) {
        boolean allowed = false;
        String host = hostOf(referer);
        for (String r : referrers) {
            boolean negative = r.startsWith("-");
            String pattern = negative ? r.substring(1) : r;
            boolean match = pattern.equals("*") || (host != null && (pattern.startsWith(".")
                    ? host.endsWith(pattern) || host.equals(pattern.substring(1)) : host.equals(pattern)));
            if (match) {
                allowed = !negative;
            }
        }
        return allowed;
    }

    private static String hostOf(String referer) {
        if (referer == null) {
            return null;
        }
        try {
            return URI.create(referer).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
