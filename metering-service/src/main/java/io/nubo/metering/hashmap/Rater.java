package io.nubo.metering.hashmap;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * CloudKitty's hashmap rating (cloudkitty/rating/hash/__init__.py) over a snapshot of the rules: the price of one
 * period of usage at a quantity with attributes. Per group: the highest flat mapping, times every rate mapping,
 * times the quantity; the highest threshold reached adds (flat) or multiplies (rate), on a field before the
 * quantity, on a service after it; the groups add up. A project's own rule replaces the global one with the same
 * group and value (or level). All in {@link BigDecimal}.
 */
public final class Rater {

    /** A mapping or threshold as the rater reads it; {@code value} null on a service rule. */
    public record Rule(boolean threshold, String type, BigDecimal cost, String service, String field, String value,
                       BigDecimal level, String group, String tenantId) {
    }

    /** Prices nothing: the hashmap module is disabled. */
    public static final Rater DISABLED = new Rater(List.of());

    private static final String DEFAULT_GROUP = "_DEFAULT_";

    private final List<Rule> rules;

    public Rater(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    private static final class GroupResult {
        BigDecimal flat = BigDecimal.ZERO;
        BigDecimal rate = BigDecimal.ONE;
        BigDecimal thresholdLevel = BigDecimal.ONE.negate();
        BigDecimal thresholdCost = BigDecimal.ZERO;
        String thresholdType = "flat";
        boolean thresholdOnService;

        void map(String type, BigDecimal cost) {
            if ("rate".equals(type)) {
                rate = rate.multiply(cost);
            } else if (cost.compareTo(flat) > 0) {
                flat = cost;
            }
        }

        void threshold(Rule r, boolean onService) {
            if (r.level().compareTo(thresholdLevel) > 0) {
                thresholdLevel = r.level();
                thresholdCost = r.cost();
                thresholdType = r.type();
                thresholdOnService = onService;
            }
        }

        BigDecimal price(BigDecimal qty) {
            BigDecimal f = flat;
            BigDecimal r = rate;
            if (!thresholdOnService) {
                if ("flat".equals(thresholdType)) {
                    f = f.add(thresholdCost);
                } else {
                    r = r.multiply(thresholdCost);
                }
            }
            BigDecimal result = r.multiply(f).multiply(qty);
            if (thresholdOnService) {
                result = "flat".equals(thresholdType) ? result.add(thresholdCost) : result.multiply(thresholdCost);
            }
            return result;
        }
    }

    /** The price of one period (an hour) of {@code service} at {@code qty} with {@code attributes}, for a project. */
    public BigDecimal price(String service, BigDecimal qty, Map<String, String> attributes, String projectId) {
        Map<String, GroupResult> groups = new LinkedHashMap<>();
        for (Rule r : effective(service, projectId)) {
            GroupResult g = groups.computeIfAbsent(r.group() == null ? DEFAULT_GROUP : r.group(), k -> new GroupResult());
            if (r.field() == null) {
                if (!r.threshold()) {
                    g.map(r.type(), r.cost());
                } else if (qty.compareTo(r.level()) >= 0) {
                    g.threshold(r, true);
                }
                continue;
            }
            String actual = attributes.get(r.field());
            if (actual == null) {
                continue;
            }
            if (!r.threshold()) {
                if (actual.equals(r.value())) {
                    g.map(r.type(), r.cost());
                }
            } else {
                BigDecimal level = numberOrNull(actual);
                if (level != null && level.compareTo(r.level()) >= 0) {
                    g.threshold(r, false);
                }
            }
        }
        BigDecimal total = BigDecimal.ZERO;
        for (GroupResult g : groups.values()) {
            total = total.add(g.price(qty));
        }
        return total;
    }

    /** The service's rules, a project's own replacing the global one with the same group, field and value/level. */
    private List<Rule> effective(String service, String projectId) {
        Map<List<Object>, Rule> byKey = new HashMap<>();
        for (boolean own : new boolean[] {false, true}) {
            for (Rule r : rules) {
                if (!service.equals(r.service())) {
                    continue;
                }
                boolean global = r.tenantId() == null;
                if (own ? (global || !r.tenantId().equals(projectId)) : !global) {
                    continue;
                }
                List<Object> key = java.util.Arrays.asList(r.threshold(), r.group(), r.field(),
                        r.threshold() ? (r.level() == null ? null : r.level().stripTrailingZeros()) : r.value());
                byKey.put(key, r);
            }
        }
        return byKey.values().stream().filter(Objects::nonNull).toList();
    }

    private static BigDecimal numberOrNull(String s) {
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
