package io.nubo.shared.outbound;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** A CIDR block such as {@code 10.0.0.0/8} or {@code fc00::/7}; a bare address is a block of one. */
public record AddressRange(InetAddress network, int prefix) {

    public static AddressRange parse(String cidr) {
        String t = cidr.trim();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        if (!address.matches("[0-9a-fA-F:.\\[\\]]+")) {
            // refuse names: a range must never trigger a DNS lookup
            throw new IllegalArgumentException("not an address range: '" + cidr + "'");
        }
        try {
            InetAddress a = InetAddress.getByName(address.replace("[", "").replace("]", ""));
            int bits = a.getAddress().length * 8;
            int prefix = slash < 0 ? bits : Integer.parseInt(t.substring(slash + 1));
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("prefix out of range in '" + cidr + "'");
            }
            return new AddressRange(a, prefix);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not an address range: '" + cidr + "'", e);
        }
    }

    public boolean contains(InetAddress a) {
        byte[] n = network.getAddress();
        byte[] x = a.getAddress();
        if (n.length != x.length) {
            return false;
        }
        int bits = n.length * 8;
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
        return new BigInteger(1, n).and(mask).equals(new BigInteger(1, x).and(mask));
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefix;
    }
}
