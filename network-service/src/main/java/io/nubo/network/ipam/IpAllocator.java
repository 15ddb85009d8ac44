package io.nubo.network.ipam;

import io.nubo.network.error.NetworkError;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Neutron's IPAM: fixed IPs held by ports, one row per address per subnet. The primary key (subnet, address) is
 * what makes an address go to one port only: an insert that loses a race to another transaction inserts nothing
 * ({@code ON CONFLICT DO NOTHING}, which on PostgreSQL waits for the other transaction to commit or roll back), and
 * the allocator tries another free address. Candidates are picked at random among the first free ones, so that
 * concurrent creates on one subnet seldom pick the same address.
 */
@Service
public class IpAllocator {

    /** How many free addresses a pick chooses among. */
    static final int WINDOW = 32;
    /** Attempts before a busy subnet is reported as exhausted. */
    static final int ATTEMPTS = 64;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public IpAllocator(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /** A fixed IP held by a port. */
    public record Allocation(String portId, String subnetId, String ipAddress) {
    }

    /** Gives {@code address} on the subnet to the port; 409 IpAddressInUse when another port holds it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public String allocate(AddressSpace space, String address, String portId) {
        String ip = Cidr.canonical(address);
        if (!claim(space, ip, portId)) {
            throw NetworkError.IP_IN_USE.exception(space.networkId(), ip);
        }
        return ip;
    }

    /** Gives the port a free address from the subnet's pools (or its EUI-64 address on a SLAAC subnet). */
    @Transactional(propagation = Propagation.MANDATORY)
    public String allocateAny(AddressSpace space, String mac, String portId) {
        if (space.autoAddress()) {
            return allocate(space, eui64(space.cidr(), mac), portId);
        }
        Set<BigInteger> taken = new HashSet<>();
        jdbc.query("SELECT ip_address FROM ip_allocations WHERE subnet_id = ?",
                rs -> {
                    taken.add(Cidr.toNumber(rs.getString(1)));
                }, space.subnetId());
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<BigInteger> free = freeCandidates(space, taken);
            if (free.isEmpty()) {
                break;
            }
            BigInteger pick = free.get(ThreadLocalRandom.current().nextInt(free.size()));
            String ip = space.cidr().text(pick);
            if (claim(space, ip, portId)) {
                return ip;
            }
            taken.add(pick);
        }
        throw NetworkError.IP_EXHAUSTED.exception(space.networkId());
    }

    private List<BigInteger> freeCandidates(AddressSpace space, Set<BigInteger> taken) {
        List<BigInteger> free = new ArrayList<>();
        for (AllocationPool pool : space.pools()) {
            BigInteger end = Cidr.toNumber(pool.end());
            for (BigInteger a = Cidr.toNumber(pool.start()); a.compareTo(end) <= 0 && free.size() < WINDOW;
                 a = a.add(BigInteger.ONE)) {
                if (!taken.contains(a)) {
                    free.add(a);
                }
            }
        }
        return free;
    }

    /** Whether the subnet's pools still have a free address (checked before the service takes one for itself). */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean hasFree(AddressSpace space) {
        Set<BigInteger> taken = new HashSet<>();
        jdbc.query("SELECT ip_address FROM ip_allocations WHERE subnet_id = ?",
                rs -> {
                    taken.add(Cidr.toNumber(rs.getString(1)));
                }, space.subnetId());
        return !freeCandidates(space, taken).isEmpty();
    }

    private boolean claim(AddressSpace space, String ip, String portId) {
        return jdbc.update("INSERT INTO ip_allocations (subnet_id, ip_address, network_id, port_id) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING", space.subnetId(), ip, space.networkId(), portId) == 1;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void release(String portId, String subnetId, String ip) {
        jdbc.update("DELETE FROM ip_allocations WHERE port_id = ? AND subnet_id = ? AND ip_address = ?", portId,
                subnetId, ip);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void releaseAll(String portId) {
        jdbc.update("DELETE FROM ip_allocations WHERE port_id = ?", portId);
    }

    /** Releases every address on the subnet (its ports keep their other fixed IPs). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void releaseSubnet(String subnetId) {
        jdbc.update("DELETE FROM ip_allocations WHERE subnet_id = ?", subnetId);
    }

    /** The fixed IPs of each port, in allocation order per port. */
    public Map<String, List<Allocation>> ofPorts(Collection<String> portIds) {
        Map<String, List<Allocation>> out = new LinkedHashMap<>();
        if (portIds.isEmpty()) {
            return out;
        }
        named.query("SELECT port_id, subnet_id, ip_address FROM ip_allocations WHERE port_id IN (:ids)"
                        + " ORDER BY port_id, subnet_id, ip_address", Map.of("ids", portIds),
                rs -> {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Allocation(rs.getString(1), rs.getString(2), rs.getString(3)));
                });
        return out;
    }

    /** The ports holding an address on the subnet. */
    public List<String> portsOn(String subnetId) {
        return jdbc.queryForList("SELECT DISTINCT port_id FROM ip_allocations WHERE subnet_id = ?", String.class,
                subnetId);
    }

    /** The modified EUI-64 interface address of a MAC in a /64 (RFC 4291), as SLAAC hosts form it. */
    public static String eui64(Cidr prefix, String mac) {
        String[] b = mac.split(":");
        long hi = Long.parseLong(b[0], 16) ^ 0x02;
        BigInteger iid = BigInteger.valueOf(hi).shiftLeft(56)
                .or(BigInteger.valueOf(Long.parseLong(b[1], 16)).shiftLeft(48))
                .or(BigInteger.valueOf(Long.parseLong(b[2], 16)).shiftLeft(40))
                .or(BigInteger.valueOf(0xfffeL).shiftLeft(24))
                .or(BigInteger.valueOf(Long.parseLong(b[3], 16)).shiftLeft(16))
                .or(BigInteger.valueOf(Long.parseLong(b[4], 16)).shiftLeft(8))
                .or(BigInteger.valueOf(Long.parseLong(b[5], 16)));
        return prefix.text(prefix.first().or(iid));
    }
}
