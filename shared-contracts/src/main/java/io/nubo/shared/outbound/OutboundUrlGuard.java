package io.nubo.shared.outbound;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The one check for every URL a user makes the cloud fetch. {@link #check} refuses a URL by its form (scheme,
 * credentials, port, a forbidden literal address) before any request; {@link #resolve} is the DNS resolver of
 * {@link GuardedHttpClient}, so the addresses it connects to are exactly the ones checked, after every redirect
 * and whatever a name resolves to at that moment.
 */
public final class OutboundUrlGuard {

    /**
     * Never fetched unless opted in: RFC 6890 special-purpose ranges a user must not reach through the cloud
     * (IPv4-mapped IPv6 addresses arrive as IPv4 addresses in Java, so the IPv4 ranges cover them).
     */
    static final List<AddressRange> FORBIDDEN = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
            "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16",
            "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4", "::/128", "::1/128",
            "64:ff9b::/96", "100::/64", "2001:db8::/32", "2002::/16", "fc00::/7", "fe80::/10",
            "fec0::/10", "ff00::/8").stream().map(AddressRange::parse).toList();

    private final List<String> schemes;
    private final List<Integer> ports;
    private final List<AddressRange> allowed;
    private final List<AddressRange> denied;
    private final List<String> deniedHosts;
    private final Supplier<List<InetAddress>> ownAddresses;

    public OutboundUrlGuard(OutboundProperties p) {
        this(p, OutboundUrlGuard::interfaceAddresses);
    }

    OutboundUrlGuard(OutboundProperties p, Supplier<List<InetAddress>> ownAddresses) {
        this.schemes = p.allowedSchemes().stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        this.ports = List.copyOf(p.allowedPorts());
        this.allowed = p.allowedNetworks().stream().map(AddressRange::parse).toList();
        this.denied = p.deniedNetworks().stream().map(AddressRange::parse).toList();
        this.deniedHosts = p.deniedHosts().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        this.ownAddresses = ownAddresses;
    }

    /**
     * The URL, if its form may be fetched: an allowed scheme, a host, no user info, an allowed port (or a literal
     * address in an opted-in range), no literal forbidden address, no denied host name. Names are not resolved
     * here; {@link #resolve} checks what they resolve to when the connection is made.
     */
    public URI check(String url) throws OutboundUrlRefused {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new OutboundUrlRefused("'" + url + "' is not a valid URL");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            throw new OutboundUrlRefused("the scheme of " + url + " is not one of " + schemes);
        }
        if (u.getHost() == null || u.getRawUserInfo() != null) {
            throw new OutboundUrlRefused(url + " has no host, or has credentials in it");
        }
        String host = u.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (deniedHosts.contains(host)) {
            throw new OutboundUrlRefused("the host of " + url + " is denied (nubo.outbound.denied-hosts)");
        }
        int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
        InetAddress literal = literal(host);
        if (literal != null) {
            permit(literal, url);
        }
        if (!ports.contains(port) && (literal == null || !optedIn(literal))) {
            throw new OutboundUrlRefused("the port of " + url + " is not one of " + ports
                    + " (nubo.outbound.allowed-ports)");
        }
        return u;
    }

    /** Resolves a host to the addresses that may be connected to; refuses it when any of them may not. */
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (deniedHosts.contains(h.toLowerCase(Locale.ROOT))) {
            throw new RefusedHost("the host " + host + " is denied (nubo.outbound.denied-hosts)");
        }
        InetAddress[] all = InetAddress.getAllByName(h);
        for (InetAddress a : all) {
            try {
                permit(a, host);
            } catch (OutboundUrlRefused e) {
                throw new RefusedHost(e.getMessage());
            }
        }
        return all;
    }

    /** Whether an address may be connected to: opted in, or neither forbidden, denied nor the machine's own. */
    void permit(InetAddress a, String what) throws OutboundUrlRefused {
        if (optedIn(a)) {
            return;
        }
        InetAddress v4 = embeddedIpv4(a);
        for (InetAddress x : v4 == null ? List.of(a) : List.of(a, v4)) {
            if (x.isAnyLocalAddress() || x.isLoopbackAddress() || x.isLinkLocalAddress() || x.isSiteLocalAddress()
                    || x.isMulticastAddress() || FORBIDDEN.stream().anyMatch(r -> r.contains(x))) {
                throw new OutboundUrlRefused(what + " is (or resolves to) " + x.getHostAddress()
                        + ", a loopback, private, link-local or reserved address; an operator may allow a range"
                        + " with nubo.outbound.allowed-networks");
            }
            if (denied.stream().anyMatch(r -> r.contains(x)) || ownAddresses.get().contains(x)) {
                throw new OutboundUrlRefused(what + " is (or resolves to) " + x.getHostAddress()
                        + ", an address of the cloud itself or a denied range");
            }
        }
    }

    private boolean optedIn(InetAddress a) {
        return allowed.stream().anyMatch(r -> r.contains(a));
    }

    /** The IPv4 address inside an IPv4-mapped, -compatible, NAT64 or 6to4 IPv6 address, else null. */
    static InetAddress embeddedIpv4(InetAddress a) {
        if (!(a instanceof Inet6Address)) {
            return null;
        }
        byte[] b = a.getAddress();
        try {
            if (b[0] == 0x20 && b[1] == 0x02) {
                return InetAddress.getByAddress(Arrays.copyOfRange(b, 2, 6));
            }
            boolean zeroHead = true;
            for (int i = 0; i < 10; i++) {
                zeroHead &= b[i] == 0;
            }
            boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && b[3] == (byte) 0x9b;
            if (zeroHead || nat64) {
                return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
            }
        } catch (UnknownHostException e) {
            return null;
        }
        return null;
    }

    /** The address a host names literally (never a DNS lookup), else null. */
    static InetAddress literal(String host) {
        boolean v4 = host.matches("[0-9.]+");
        boolean v6 = host.contains(":") && host.matches("[0-9a-f:.%a-z]+");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static List<InetAddress> interfaceAddresses() {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                out.addAll(Collections.list(i.getInetAddresses()));
            }
        } catch (SocketException e) {
            // no interface list: the forbidden ranges still apply
        }
        return out;
    }

    /** Raised from the resolver so the HTTP client stops before connecting; still an {@link UnknownHostException}. */
    static final class RefusedHost extends UnknownHostException {
        RefusedHost(String message) {
            super(message);
        }
    }
}
