package io.nubo.shared.policy;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's access rules as data: every action it enforces, with its rule. A service declares one as a bean;
 * {@link PolicyEnforcer} is the one place that evaluates it. Building the table checks that every
 * {@code rule:} reference names an entry, so a typo fails at start-up, not on a request.
 */
public final class PolicyTable {

    private final Map<String, PolicyRule> entries = new LinkedHashMap<>();
    private final Map<String, Rule> parsed = new LinkedHashMap<>();

    public PolicyTable(Collection<PolicyRule> rules) {
        for (PolicyRule r : rules) {
            if (entries.put(r.name(), r) != null) {
                throw new IllegalArgumentException("Policy " + r.name() + " is defined twice");
            }
            parsed.put(r.name(), r.rule());
        }
        parsed.forEach((name, rule) -> references(name, rule));
    }

    public static PolicyTable of(PolicyRule... rules) {
        return new PolicyTable(List.of(rules));
    }

    /** Every entry, in the order declared. */
    public Collection<PolicyRule> entries() {
        return entries.values();
    }

    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    /** The parsed rule of an entry; an unknown name is a programming error. */
    public Rule rule(String name) {
        Rule r = parsed.get(name);
        if (r == null) {
            throw new IllegalStateException("No policy named " + name + " in the table");
        }
        return r;
    }

    private void references(String owner, Rule rule) {
        if (rule instanceof Rule.Named n && !parsed.containsKey(n.name())) {
            throw new IllegalArgumentException("Policy " + owner + " names rule:" + n.name()
                    + ", which the table does not define");
        } else if (rule instanceof Rule.Not n) {
            references(owner, n.rule());
        } else if (rule instanceof Rule.All a) {
            a.rules().forEach(r -> references(owner, r));
        } else if (rule instanceof Rule.Any a) {
            a.rules().forEach(r -> references(owner, r));
        }
    }
}
