package io.nubo.network.subnetpool;

import io.nubo.network.common.Caller;
import io.nubo.network.common.Json;
import io.nubo.network.common.Policy;
import io.nubo.network.common.RequestBody;
import io.nubo.network.error.NetworkError;
import io.nubo.network.ipam.Cidr;
import io.nubo.network.tag.Taggable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Subnet pools (Neutron's {@code subnet_allocation}): prefixes of one IP version from which subnets are carved,
 * either a given CIDR inside them or the first free block of a prefix length, never two subnets of a pool
 * overlapping. Address scopes and per-pool quotas are not served.
 */
@Service
public class SubnetPoolService implements Taggable {

    private final SubnetPoolRepository pools;
    private final ObjectProvider<SubnetPoolUsage> usage;

    public SubnetPoolService(SubnetPoolRepository pools, ObjectProvider<SubnetPoolUsage> usage) {
        this.pools = pools;
        this.usage = usage;
    }

    @Transactional
    ObjectNode create(Caller caller, JsonNode body) {
        RequestBody b = RequestBody.of(body, "subnetpool");
        Policy.enforce(caller, "create_subnetpool", Policy.Target.owned(caller.projectId()));
        boolean shared = Boolean.TRUE.equals(b.bool("shared"));
        boolean isDefault = Boolean.TRUE.equals(b.bool("is_default"));
        if (shared) {
            Policy.enforce(caller, "create_subnetpool:shared", Policy.Target.owned(caller.projectId()));
        }
        if (isDefault) {
            Policy.enforce(caller, "create_subnetpool:is_default", Policy.Target.owned(caller.projectId()));
        }
        List<Cidr> prefixes = prefixes(b.strings("prefixes"));
        int version = prefixes.get(0).version();
        SubnetPoolEntity p = new SubnetPoolEntity(Policy.owningProject(caller, b.project()));
        p.ipVersion = version;
        p.minPrefixlen = orDefault(b.integer("min_prefixlen"), version == 4 ? 8 : 64);
        p.maxPrefixlen = orDefault(b.integer("max_prefixlen"), version == 4 ? 32 : 128);
        p.defaultPrefixlen = orDefault(b.integer("default_prefixlen"), p.minPrefixlen);
        checkBounds(p);
        p.prefixes = Json.write(prefixes.stream().map(Cidr::toString).toList());
        p.name = b.string("name") == null ? "" : b.string("name");
        p.setDescription(b.string("description"));
        p.shared = shared;
        p.isDefault = isDefault;
        List<String> tags = b.strings("tags");
        if (tags != null) {
            p.setTags(Set.copyOf(tags));
        }
        pools.saveAndFlush(p);
        return render(p);
    }

    @Transactional(readOnly = true)
    List<ObjectNode> list(Caller caller) {
        return pools.findAll().stream().filter(p -> Policy.allows(caller, "get_subnetpool", target(p)))
                .sorted(Comparator.comparing(SubnetPoolEntity::getCreatedAt)).map(SubnetPoolService::render)
                .toList();
    }

    @Transactional(readOnly = true)
    ObjectNode show(Caller caller, String id) {
        return render(visible(caller, id));
    }

    @Transactional
    ObjectNode update(Caller caller, String id, JsonNode body) {
        SubnetPoolEntity p = visible(caller, id);
        Policy.enforce(caller, "update_subnetpool", target(p));
        RequestBody b = RequestBody.of(body, "subnetpool");
        if (b.string("name") != null) {
            p.name = b.string("name");
        }
        if (b.string("description") != null) {
            p.setDescription(b.string("description"));
        }
        if (b.bool("is_default") != null) {
            Policy.enforce(caller, "update_subnetpool:is_default", target(p));
            p.isDefault = b.bool("is_default");
        }
        p.minPrefixlen = orDefault(b.integer("min_prefixlen"), p.minPrefixlen);
        p.maxPrefixlen = orDefault(b.integer("max_prefixlen"), p.maxPrefixlen);
        p.defaultPrefixlen = orDefault(b.integer("default_prefixlen"), p.defaultPrefixlen);
        checkBounds(p);
        if (b.strings("prefixes") != null) {
            List<Cidr> wanted = prefixes(b.strings("prefixes"));
            // as Neutron: prefixes may only grow, every old one still covered by a new one
            for (String old : p.prefixList()) {
                Cidr o = Cidr.parse(old);
                if (wanted.stream().noneMatch(w -> w.version() == o.version() && w.prefix() <= o.prefix()
                        && w.contains(o.first()))) {
                    throw NetworkError.BAD_REQUEST.exception("Illegal update to prefixes: Existing prefix " + old
                            + " is not in the new prefixes.");
                }
            }
            if (wanted.get(0).version() != p.ipVersion) {
                throw NetworkError.BAD_REQUEST.exception("Illegal update to prefixes: the IP version differs.");
            }
            p.prefixes = Json.write(wanted.stream().map(Cidr::toString).toList());
        }
        p.touch();
        pools.saveAndFlush(p);
        return render(p);
    }

    @Transactional
    void delete(Caller caller, String id) {
        SubnetPoolEntity p = visible(caller, id);
        Policy.enforce(caller, "delete_subnetpool", target(p));
        if (usage.orderedStream().anyMatch(u -> !u.subnetsFrom(id).isEmpty())) {
            throw NetworkError.SUBNETPOOL_IN_USE.exception(id);
        }
        pools.delete(p);
        pools.flush();
    }

    /**
     * The prefix a new subnet of this pool gets: {@code requested} when it lies in a prefix of the pool within the
     * pool's length bounds, or else the first free block of {@code prefixlen} (the pool's default when null);
     * {@code taken} are the pool's subnets so far. 404 when the caller may not see the pool.
     */
    @Transactional(readOnly = true)
    public Cidr allocate(Caller caller, String id, int ipVersion, Cidr requested, Integer prefixlen,
                         Collection<Cidr> taken) {
        SubnetPoolEntity p = visible(caller, id);
        if (p.ipVersion != ipVersion) {
            throw NetworkError.BAD_REQUEST.exception("Cannot allocate IPv" + ipVersion + " subnet from IPv"
                    + p.ipVersion + " subnet pool");
        }
        int length = requested != null ? requested.prefix() : prefixlen != null ? prefixlen : p.defaultPrefixlen;
        if (length < p.minPrefixlen || length > p.maxPrefixlen) {
            throw NetworkError.BAD_REQUEST.exception("Unsupported prefix length " + length + ": the pool allows "
                    + p.minPrefixlen + " to " + p.maxPrefixlen);
        }
        List<Cidr> prefixes = p.prefixList().stream().map(Cidr::parse).toList();
        if (requested != null) {
            if (prefixes.stream().noneMatch(x -> x.prefix() <= requested.prefix() && x.contains(requested.first()))) {
                throw NetworkError.SUBNET_ALLOCATION_FAILED.exception("Cidr " + requested + " is not in subnet pool "
                        + id);
            }
            if (taken.stream().anyMatch(t -> t.overlaps(requested))) {
                throw NetworkError.SUBNET_ALLOCATION_FAILED.exception("Cidr " + requested + " overlaps a subnet of"
                        + " subnet pool " + id);
            }
            return requested;
        }
        BigInteger size = BigInteger.ONE.shiftLeft((ipVersion == 4 ? 32 : 128) - length);
        for (Cidr prefix : prefixes) {
            if (prefix.prefix() > length) {
                continue;
            }
            BigInteger at = prefix.first();
            while (at.compareTo(prefix.last()) <= 0) {
                Cidr candidate = new Cidr(ipVersion, at, length);
                Cidr clash = taken.stream().filter(t -> t.overlaps(candidate))
                        .max(Comparator.comparing(Cidr::last)).orElse(null);
                if (clash == null) {
                    return candidate;
                }
                // past the clash, aligned up to the next block of this length
                BigInteger next = clash.last().add(BigInteger.ONE);
                at = next.add(size).subtract(BigInteger.ONE).divide(size).multiply(size);
            }
        }
        throw NetworkError.SUBNET_ALLOCATION_FAILED.exception("Insufficient prefix space to allocate subnet size /"
                + length);
    }

    private SubnetPoolEntity visible(Caller caller, String id) {
        SubnetPoolEntity p = pools.findById(id).orElseThrow(() -> NetworkError.SUBNETPOOL_NOT_FOUND.exception(id));
        if (!Policy.allows(caller, "get_subnetpool", target(p))) {
            throw NetworkError.SUBNETPOOL_NOT_FOUND.exception(id);
        }
        return p;
    }

    private static Policy.Target target(SubnetPoolEntity p) {
        return new Policy.Target(p.getProjectId(), p.getProjectId(), p.shared, false);
    }

    private static List<Cidr> prefixes(List<String> texts) {
        List<Cidr> out = new ArrayList<>();
        for (String t : texts) {
            Cidr c;
            try {
                c = Cidr.parse(t);
            } catch (IllegalArgumentException e) {
                throw RequestBody.invalid("prefixes", "'" + t + "' is not a valid IP subnet");
            }
            if (!out.isEmpty() && out.get(0).version() != c.version()) {
                throw NetworkError.BAD_REQUEST.exception("Illegal subnetpool prefix: mixed IP versions");
            }
            if (!out.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    private static void checkBounds(SubnetPoolEntity p) {
        int bits = p.ipVersion == 4 ? 32 : 128;
        if (p.minPrefixlen < 0 || p.maxPrefixlen > bits || p.minPrefixlen > p.maxPrefixlen
                || p.defaultPrefixlen < p.minPrefixlen || p.defaultPrefixlen > p.maxPrefixlen) {
            throw NetworkError.BAD_REQUEST.exception("Illegal prefix bounds: min_prefixlen " + p.minPrefixlen
                    + ", default_prefixlen " + p.defaultPrefixlen + ", max_prefixlen " + p.maxPrefixlen);
        }
    }

    private static int orDefault(Integer v, int fallback) {
        return v == null ? fallback : v;
    }

    private static ObjectNode render(SubnetPoolEntity p) {
        return Json.tree(new SubnetPoolView(p.getId(), p.name, p.getProjectId(), p.getProjectId(), p.ipVersion,
                p.prefixList(), p.defaultPrefixlen, p.minPrefixlen, p.maxPrefixlen, p.shared, p.isDefault, null,
                null, p.getDescription(), p.getTags(), p.createdAtText(), p.updatedAtText(), p.getRevisionNumber()));
    }

    @Override
    public String collection() {
        return "subnetpools";
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> tags(Caller caller, String id) {
        return visible(caller, id).getTags();
    }

    @Override
    @Transactional
    public List<String> replaceTags(Caller caller, String id, Set<String> tags) {
        SubnetPoolEntity p = visible(caller, id);
        Policy.enforce(caller, "update_subnetpool", target(p));
        p.setTags(tags);
        pools.saveAndFlush(p);
        return p.getTags();
    }
}
