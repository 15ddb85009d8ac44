package io.nubo.compute.wire;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv6 address in its canonical text (RFC 5952: lower case, no leading zeros, the longest run of two or more
 * zero groups as {@code ::}), as Nova stores {@code accessIPv6} (an IP column) and returns it.
 */
public final class Ipv6Text {

    private Ipv6Text() {
    }

    /** The canonical form, or the text unchanged when it is empty, null or not an IPv6 literal. */
    public static String canonical(String text) {
        if (text == null || text.isEmpty() || !text.contains(":")) {
            return text;
        }
        byte[] b;
        try {
            // a literal with ':' is parsed, never looked up
            InetAddress a = InetAddress.getByName(text);
            if (!(a instanceof Inet6Address)) {
                return text;
            }
            b = a.getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return text;
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (s.length() > 0 && s.charAt(s.length() - 1) != ':') {
                s.append(':');
            }
            s.append(Integer.toHexString(g[i]));
        }
        return s.toString();
    }
}
