package io.nubo.network.dataplane;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An IPv4 or IPv6 address or prefix, normalised (host bits cleared) as nftables wants it. nftables refuses
 * overlapping elements in an interval set, so {@link #minimal} keeps only the prefixes no other one covers.
 */
record Prefix(int version, BigInteger network, int length) {

    static Prefix parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (!address.matches("[0-9a-fA-F:.]+")) { // never a host name lookup
            throw new IllegalArgumentException("not an address: " + text);
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            int bits = bytes.length * 8;
            int length = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
            if (length < 0 || length > bits) {
                throw new IllegalArgumentException("bad prefix length: " + text);
            }
            BigInteger value = new BigInteger(1, bytes);
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(bits - length).subtract(BigInteger.ONE));
            return new Prefix(bytes.length == 4 ? 4 : 6, value.and(mask), length);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not an address: " + text);
        }
    }

    int bits() {
        return version == 4 ? 32 : 128;
    }

    boolean isHost() {
        return length == bits();
    }

    boolean isAll() {
        return length == 0;
    }

    boolean covers(Prefix other) {
        return version == other.version && length <= other.length
                && other.network.shiftRight(bits() - length).equals(network.shiftRight(bits() - length));
    }

    @Override
    public String toString() {
        byte[] raw = network.toByteArray();
        byte[] bytes = new byte[bits() / 8];
        int copy = Math.min(raw.length, bytes.length);
        System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
        String address;
        try {
            address = InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        if (version == 6) {
            address = compress(address);
        }
        return isHost() ? address : address + "/" + length;
    }

    /** The prefixes that no other one in the list covers (a duplicate counts once), in a stable order. */
    static List<Prefix> minimal(List<Prefix> prefixes) {
        List<Prefix> sorted = prefixes.stream().distinct()
                .sorted(Comparator.comparingInt(Prefix::version).thenComparingInt(Prefix::length)
                        .thenComparing(Prefix::network)).toList();
        List<Prefix> kept = new ArrayList<>();
        for (Prefix p : sorted) {
            if (kept.stream().noneMatch(k -> k.covers(p))) {
                kept.add(p);
            }
        }
        return kept;
    }

    /** Java writes IPv6 in full ("0:0:0:0:0:0:0:1"); nftables prints the short form, so golden texts use it. */
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
