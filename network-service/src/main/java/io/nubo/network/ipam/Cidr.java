package io.nubo.network.ipam;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 prefix ({@code 10.0.0.0/24}, {@code 2001:db8::/64}) and the address arithmetic IPAM needs, on
 * {@link BigInteger} so that both families use one code path. Parsing accepts only literal addresses (never a host
 * name: {@link InetAddress#getByName} would resolve one).
 */
public record Cidr(int version, BigInteger network, int prefix) {

    public static Cidr parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no CIDR");
        }
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        BigInteger value = toNumber(address);
        int version = address.contains(":") ? 6 : 4;
        int bits = version == 4 ? 32 : 128;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid CIDR");
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("'" + text + "' is not a valid CIDR");
        }
        BigInteger mask = mask(bits, prefix);
        return new Cidr(version, value.and(mask), prefix);
    }

    /** True when the text had host bits set ({@code 10.0.0.1/24}): Neutron refuses that for a subnet. */
    public static boolean hasHostBits(String text) {
        Cidr c = parse(text);
        int slash = text.indexOf('/');
        return !toNumber(slash < 0 ? text : text.substring(0, slash)).equals(c.network);
    }

    /** The numeric value of a literal IPv4 or IPv6 address; IllegalArgumentException for anything else. */
    public static BigInteger toNumber(String address) {
        if (address == null || address.isEmpty()
                || !(address.matches("[0-9.]+") && address.split("\\.", -1).length == 4
                || address.matches("[0-9a-fA-F:.]+") && address.contains(":"))) {
            throw new IllegalArgumentException("'" + address + "' is not a valid IP address");
        }
        try {
            InetAddress a = InetAddress.getByName(address);
            if (address.contains(":") != (a instanceof Inet6Address)) {
                throw new IllegalArgumentException("'" + address + "' is not a valid IP address");
            }
            return new BigInteger(1, a.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + address + "' is not a valid IP address");
        }
    }

    public static int versionOf(String address) {
        toNumber(address);
        return address.contains(":") ? 6 : 4;
    }

    /** The canonical text of an address of this family (IPv6 compressed as Neutron/netaddr write it). */
    public String text(BigInteger value) {
        byte[] raw = value.toByteArray();
        int len = version == 4 ? 4 : 16;
        byte[] bytes = new byte[len];
        int copy = Math.min(raw.length, len);
        System.arraycopy(raw, raw.length - copy, bytes, len - copy, copy);
        try {
            String s = InetAddress.getByAddress(bytes).getHostAddress();
            return version == 6 ? compress(s) : s;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The canonical form of an address given as text. */
    public static String canonical(String address) {
        Cidr host = parse(address);
        return host.text(host.network);
    }

    public int bits() {
        return version == 4 ? 32 : 128;
    }

    public BigInteger first() {
        return network;
    }

    public BigInteger last() {
        return network.add(BigInteger.ONE.shiftLeft(bits() - prefix)).subtract(BigInteger.ONE);
    }

    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(bits() - prefix);
    }

    public boolean contains(BigInteger address) {
        return address.compareTo(first()) >= 0 && address.compareTo(last()) <= 0;
    }

    public boolean contains(String address) {
        return versionOf(address) == version && contains(toNumber(address));
    }

    public boolean overlaps(Cidr other) {
        return version == other.version && first().compareTo(other.last()) <= 0
                && other.first().compareTo(last()) <= 0;
    }

    @Override
    public String toString() {
        return text(network) + "/" + prefix;
    }

    private static BigInteger mask(int bits, int prefix) {
        return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
    }

    /** Java writes {@code 2001:db8:0:0:0:0:0:1}; clients and Neutron write {@code 2001:db8::1} (RFC 5952). */
    private static String compress(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLen && j - i > 1) {
                bestStart = i;
                bestLen = j - i;
            }
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLen, groups.length));
        return head + "::" + tail;
    }
}
