package io.nubo.network.subnet;

import io.nubo.network.common.RequestBody;
import io.nubo.network.error.NetworkError;
import io.nubo.network.ipam.AllocationPool;
import io.nubo.network.ipam.Cidr;
import io.nubo.network.subnet.api.HostRoute;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A subnet create or update body, read after its schema ({@code subnet-create.json}, {@code subnet-update.json})
 * checked names, types, lengths and enums; here the checks a schema cannot express (addresses, prefixes, pools
 * and modes that must agree with each other). Null means "not given", except
 * {@code gatewayIp}, which is only meaningful with {@code gatewayGiven} (an explicit null means "no gateway").
 */
record SubnetRequest(String projectId, String networkId, String name, String description, Integer ipVersion,
                     Cidr cidr, String gatewayIp, boolean gatewayGiven, Boolean enableDhcp, String ipv6RaMode,
                     String ipv6AddressMode, List<AllocationPool> pools, List<String> dns, List<HostRoute> routes,
                     List<String> tags, String subnetpoolId, Integer prefixlen) {

    static SubnetRequest create(RequestBody b) {
        List<String> serviceTypes = b.strings("service_types");
        if (serviceTypes != null && !serviceTypes.isEmpty()) {
            throw NetworkError.BAD_REQUEST.exception("Subnet service types are not supported.");
        }
        String networkId = b.string("network_id");
        int version = b.integer("ip_version"); // 4 or 6, perhaps as a string
        String cidrText = b.string("cidr");
        String subnetpoolId = b.string("subnetpool_id");
        if (cidrText == null && subnetpoolId == null) {
            throw NetworkError.BAD_REQUEST.exception("Bad subnets request: a cidr must be specified in the absence"
                    + " of a subnet pool");
        }
        Integer prefixlen = b.integer("prefixlen");
        if (prefixlen != null && (cidrText != null || prefixlen < 0 || prefixlen > (version == 4 ? 32 : 128))) {
            throw NetworkError.BAD_REQUEST.exception(cidrText != null ? "Bad subnets request: cidr and prefixlen"
                    + " must not be supplied together" : "Invalid input for prefixlen: " + prefixlen);
        }
        Cidr cidr = cidrText == null ? null : cidr(cidrText);
        if (cidr != null && cidr.version() != version) {
            throw NetworkError.INVALID_INPUT.exception("Cidr " + cidrText + " does not match the ip_version " + version);
        }
        String ra = b.string("ipv6_ra_mode");
        String address = b.string("ipv6_address_mode");
        if (version == 4 && (ra != null || address != null)) {
            throw NetworkError.INVALID_INPUT.exception("ipv6_ra_mode or ipv6_address_mode cannot be set when"
                    + " ip_version is set to 4");
        }
        if (ra != null && address != null && !ra.equals(address)) {
            throw NetworkError.INVALID_INPUT.exception("ipv6_ra_mode set to '" + ra + "' with ipv6_address_mode set"
                    + " to '" + address + "' is not valid. If both attributes are set, they must be the same value");
        }
        if (address != null && !"dhcpv6-stateful".equals(address) && cidr != null && cidr.prefix() != 64) {
            throw NetworkError.INVALID_INPUT.exception("Invalid CIDR " + cidr + " for IPv6 address mode. OpenStack"
                    + " uses the EUI-64 address format, which requires the prefix to be /64");
        }
        return new SubnetRequest(b.project(), networkId, b.string("name"), b.string("description"), version,
                cidr, gateway(b, version), b.has("gateway_ip"), b.bool("enable_dhcp"), ra, address, pools(b, version),
                dns(b, version), routes(b, version), b.strings("tags"), subnetpoolId, prefixlen);
    }

    /** @param version the subnet's IP version, which an update cannot change */
    static SubnetRequest update(JsonNode body, int version) {
        RequestBody b = RequestBody.of(body, "subnet");
        return new SubnetRequest(null, null, b.string("name"), b.string("description"), null, null,
                gateway(b, version), b.has("gateway_ip"), b.bool("enable_dhcp"), null, null, pools(b, version),
                dns(b, version), routes(b, version), null, null, null);
    }

    private static Cidr cidr(String text) {
        try {
            Cidr c = Cidr.parse(text);
            if (!text.contains("/")) {
                throw new IllegalArgumentException();
            }
            if (Cidr.hasHostBits(text)) {
                throw NetworkError.BAD_REQUEST.exception("Invalid input for cidr. Reason: '" + text + "' isn't a"
                        + " recognized IP subnet cidr, '" + c + "' is recommended.");
            }
            return c;
        } catch (IllegalArgumentException e) {
            throw RequestBody.invalid("cidr", "'" + text + "' is not a valid IP subnet");
        }
    }

    private static String gateway(RequestBody b, int version) {
        String g = b.string("gateway_ip");
        return g == null ? null : address("gateway_ip", g, version);
    }

    static String address(String attribute, String text, int version) {
        try {
            if (Cidr.versionOf(text) != version) {
                throw new IllegalArgumentException();
            }
            return Cidr.canonical(text);
        } catch (IllegalArgumentException e) {
            throw RequestBody.invalid(attribute, "'" + text + "' is not a valid IPv" + version + " address");
        }
    }

    private static List<AllocationPool> pools(RequestBody b, int version) {
        List<JsonNode> raw = b.objects("allocation_pools");
        if (raw == null) {
            return null;
        }
        List<AllocationPool> out = new ArrayList<>();
        for (JsonNode p : raw) {
            String start = address("allocation_pools", p.get("start").asString(), version);
            String end = address("allocation_pools", p.get("end").asString(), version);
            if (Cidr.toNumber(start).compareTo(Cidr.toNumber(end)) > 0) {
                throw NetworkError.BAD_REQUEST.exception("The allocation pool " + start + "-" + end + " spans"
                        + " beyond the subnet cidr or is not valid: start after end.");
            }
            out.add(new AllocationPool(start, end));
        }
        return out;
    }

    private static List<String> dns(RequestBody b, int version) {
        List<String> raw = b.strings("dns_nameservers");
        if (raw == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String d : raw) {
            String a;
            try {
                a = Cidr.canonical(d);
            } catch (IllegalArgumentException e) {
                throw RequestBody.invalid("dns_nameservers", "'" + d + "' is not a valid nameserver");
            }
            if (out.contains(a)) {
                throw RequestBody.invalid("dns_nameservers", "Duplicate nameserver '" + d + "'");
            }
            out.add(a);
        }
        return out;
    }

    private static List<HostRoute> routes(RequestBody b, int version) {
        List<JsonNode> raw = b.objects("host_routes");
        if (raw == null) {
            return null;
        }
        List<HostRoute> out = new ArrayList<>();
        for (JsonNode r : raw) {
            String dest = r.get("destination").asString();
            String hop = r.get("nexthop").asString();
            try {
                Cidr d = Cidr.parse(dest);
                if (d.version() != version || Cidr.versionOf(hop) != version) {
                    throw new IllegalArgumentException();
                }
                HostRoute route = new HostRoute(d.toString(), Cidr.canonical(hop));
                if (out.contains(route)) {
                    throw RequestBody.invalid("host_routes", "Duplicate hostroute '" + r + "'");
                }
                out.add(route);
            } catch (IllegalArgumentException e) {
                throw RequestBody.invalid("host_routes", "'" + r + "' is not a valid host route");
            }
        }
        return out;
    }

    /** Neutron's default pools: the whole prefix less the network address, the IPv4 broadcast and the gateway. */
    static List<AllocationPool> defaultPools(Cidr cidr, String gateway) {
        BigInteger first = cidr.first().add(BigInteger.ONE);
        BigInteger last = cidr.version() == 4 ? cidr.last().subtract(BigInteger.ONE) : cidr.last();
        if (cidr.version() == 4 && cidr.prefix() >= 31) {
            first = cidr.first();
            last = cidr.last();
        }
        List<AllocationPool> out = new ArrayList<>();
        BigInteger g = gateway == null ? null : Cidr.toNumber(gateway);
        if (g != null && g.compareTo(first) >= 0 && g.compareTo(last) <= 0) {
            if (g.compareTo(first) > 0) {
                out.add(new AllocationPool(cidr.text(first), cidr.text(g.subtract(BigInteger.ONE))));
            }
            if (g.compareTo(last) < 0) {
                out.add(new AllocationPool(cidr.text(g.add(BigInteger.ONE)), cidr.text(last)));
            }
        } else if (first.compareTo(last) <= 0) {
            out.add(new AllocationPool(cidr.text(first), cidr.text(last)));
        }
        return out;
    }

    /** Pools must lie inside the prefix, not overlap each other, and not hold the gateway. */
    static void checkPools(Cidr cidr, List<AllocationPool> pools, String gateway) {
        List<BigInteger[]> seen = new ArrayList<>();
        for (AllocationPool p : pools) {
            BigInteger s = Cidr.toNumber(p.start());
            BigInteger e = Cidr.toNumber(p.end());
            if (!cidr.contains(s) || !cidr.contains(e) || s.equals(cidr.first())
                    || cidr.version() == 4 && cidr.prefix() < 31 && e.equals(cidr.last())) {
                throw NetworkError.BAD_REQUEST.exception("The allocation pool " + p.start() + "-" + p.end()
                        + " spans beyond the subnet cidr " + cidr + ".");
            }
            for (BigInteger[] o : seen) {
                if (s.compareTo(o[1]) <= 0 && o[0].compareTo(e) <= 0) {
                    throw NetworkError.BAD_REQUEST.exception("Found overlapping allocation pools: "
                            + p.start() + "-" + p.end());
                }
            }
            seen.add(new BigInteger[] {s, e});
            if (gateway != null) {
                BigInteger g = Cidr.toNumber(gateway);
                if (g.compareTo(s) >= 0 && g.compareTo(e) <= 0) {
                    throw NetworkError.CONFLICT.exception("Gateway ip " + gateway + " conflicts with allocation pool "
                            + p.start() + "-" + p.end());
                }
            }
        }
    }
}
