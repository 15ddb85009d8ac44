package io.nubo.network.dataplane;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link PortFirewall} with nftables: one {@code bridge} table per port, replaced by one {@code nft -f} transaction
 * ({@link NftRuleset}), plus this firewall's {@code inet <prefix>_ct} table that carries the connection state over.
 * Tables are named by the prefix, so two clouds on one host (different prefixes) never touch each other's.
 */
public final class NftPortFirewall implements PortFirewall {

    private final String prefix;
    private final Pattern ownTable;
    private volatile boolean baseReady;

    /** @param prefix names this firewall's tables: letters, digits and underscores, e.g. {@code nubo9300} */
    public NftPortFirewall(String prefix) {
        if (!prefix.matches("[a-z][a-z0-9_]{0,30}")) {
            throw new IllegalArgumentException("table prefix must be lower-case letters, digits, _: " + prefix);
        }
        this.prefix = prefix;
        this.ownTable = Pattern.compile("^table bridge " + Pattern.quote(prefix) + "_([0-9a-f]{32})$",
                Pattern.MULTILINE);
    }

    @Override
    public void apply(PortFilter port) {
        if (!baseReady) {
            load("add table inet " + prefix + "_ct\ndelete table inet " + prefix + "_ct\n"
                    + NftRuleset.baseTable(prefix));
            baseReady = true;
        }
        load(NftRuleset.replace(prefix, port));
    }

    @Override
    public void remove(String portId) {
        String table = NftRuleset.tableName(prefix, portId);
        if (Commands.ok("nft", "list", "table", "bridge", table)) {
            Commands.check("nft", "delete", "table", "bridge", table);
        }
    }

    @Override
    public Set<String> ports() {
        Set<String> ids = new TreeSet<>();
        Matcher m = ownTable.matcher(Commands.check("nft", "list", "tables", "bridge"));
        while (m.find()) {
            String h = m.group(1);
            ids.add(h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-"
                    + h.substring(16, 20) + "-" + h.substring(20));
        }
        return ids;
    }

    @Override
    public void removeAll() {
        ports().forEach(this::remove);
        if (Commands.ok("nft", "list", "table", "inet", prefix + "_ct")) {
            Commands.check("nft", "delete", "table", "inet", prefix + "_ct");
        }
        baseReady = false;
    }

    private static void load(String ruleset) {
        Commands.nftLoad(ruleset);
    }
}
