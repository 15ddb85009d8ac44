package io.nubo.image.store;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which external URLs the image service may read from: http(s) only, to the operator's allowed hosts (loopback by
 * default), never with credentials in the URL. The same list guards {@code web-download} imports and image
 * locations, so neither can become a way for a user to make the cloud fetch from its own network.
 */
public final class UrlAllowList {

    private final List<String> hosts;
    private final List<String> schemes;

    public UrlAllowList(List<String> hosts, List<String> schemes) {
        this.hosts = hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        this.schemes = schemes.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    /** The URL parsed, or null when it is not absolute http(s) to an allowed host without user info. */
    public URI parse(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI u = new URI(url);
            if (u.getScheme() == null || u.getHost() == null) {
                return null;
            }
            return allows(u) ? u : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    public boolean allows(URI u) {
        return u.getScheme() != null && u.getHost() != null && u.getUserInfo() == null
                && schemes.contains(u.getScheme().toLowerCase(Locale.ROOT))
                && hosts.contains(u.getHost().toLowerCase(Locale.ROOT));
    }
}
