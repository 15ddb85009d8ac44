package io.nubo.shared.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads oslo.policy's check strings, the language of Keystone's and Nova's policy defaults:
 * {@code role:admin or (role:reader and system_scope:all) or user_id:%(user_id)s}. Supported: {@code @}, {@code !},
 * {@code role:}, {@code rule:}, {@code system_scope:all}, {@code <credential>:%(target_key)s} or
 * {@code <credential>:literal} for the credentials of {@link Rule.Credential}, and {@code not}, {@code and},
 * {@code or} (in that order of precedence) with parentheses. Anything else is refused when the table is built, not
 * when a request arrives.
 */
public final class CheckString {

    private static final Pattern TOKEN = Pattern.compile("\\s*([^\\s()]+%\\([^)]*\\)s|\\(|\\)|[^\\s()]+)");
    private static final Pattern TARGET = Pattern.compile("%\\(([^)]+)\\)s");

    private final List<String> tokens = new ArrayList<>();
    private final String text;
    private int at;

    private CheckString(String text) {
        this.text = text;
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            tokens.add(m.group(1));
        }
    }

    public static Rule parse(String text) {
        CheckString p = new CheckString(text);
        if (p.tokens.isEmpty()) {
            return new Rule.Always(); // oslo.policy: an empty rule always passes
        }
        Rule r = p.or();
        if (p.at != p.tokens.size()) {
            throw p.error("unexpected '" + p.tokens.get(p.at) + "'");
        }
        return r;
    }

    private Rule or() {
        List<Rule> any = new ArrayList<>(List.of(and()));
        while (peek("or")) {
            at++;
            any.add(and());
        }
        return any.size() == 1 ? any.get(0) : new Rule.Any(List.copyOf(any));
    }

    private Rule and() {
        List<Rule> all = new ArrayList<>(List.of(not()));
        while (peek("and")) {
            at++;
            all.add(not());
        }
        return all.size() == 1 ? all.get(0) : new Rule.All(List.copyOf(all));
    }

    private Rule not() {
        if (peek("not")) {
            at++;
            return new Rule.Not(not());
        }
        return atom();
    }

    private Rule atom() {
        if (at >= tokens.size()) {
            throw error("a check is missing at the end");
        }
        String t = tokens.get(at++);
        if (t.equals("(")) {
            Rule r = or();
            if (!peek(")")) {
                throw error("')' is missing");
            }
            at++;
            return r;
        }
        if (t.equals("@")) {
            return new Rule.Always();
        }
        if (t.equals("!")) {
            return new Rule.Never();
        }
        int colon = t.indexOf(':');
        if (colon <= 0 || colon == t.length() - 1) {
            throw error("'" + t + "' is not a check (kind:value)");
        }
        String kind = t.substring(0, colon);
        String value = t.substring(colon + 1);
        switch (kind) {
            case "role":
                return new Rule.HasRole(value);
            case "rule":
                return new Rule.Named(value);
            case "system_scope":
                if (!value.equals("all")) {
                    throw error("system_scope can only be all");
                }
                return new Rule.SystemScoped();
            default:
                Rule.Credential c = Rule.Credential.named(kind);
                if (c == null) {
                    throw error("unknown check kind '" + kind + "'");
                }
                Matcher m = TARGET.matcher(value);
                return m.matches() ? new Rule.Matches(c, m.group(1), null) : new Rule.Matches(c, null, value);
        }
    }

    private boolean peek(String word) {
        return at < tokens.size() && tokens.get(at).equals(word);
    }

    private IllegalArgumentException error(String why) {
        return new IllegalArgumentException("Policy check string \"" + text + "\": " + why);
    }
}
