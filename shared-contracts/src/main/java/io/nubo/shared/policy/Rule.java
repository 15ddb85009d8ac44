package io.nubo.shared.policy;

import io.nubo.shared.security.NuboPrincipal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A parsed policy check, as oslo.policy reads Keystone's check strings ({@link CheckString}): typed records, so that
 * a rule is data that a test can walk and a table can print.
 */
public sealed interface Rule {

    /**
     * @param caller the verified caller, or null when anonymous (only {@link Always} allows an anonymous caller)
     * @param target the attributes of what the request is about ({@code user_id}, {@code target.domain_id}, ...)
     * @param named  the table's named rules, for {@link Named}
     */
    boolean allows(NuboPrincipal caller, Map<String, String> target, Function<String, Rule> named);

    /** {@code @}: everyone, also an anonymous caller. */
    record Always() implements Rule {
        @Override
        public boolean allows(NuboPrincipal caller, Map<String, String> target, Function<String, Rule> named) {
            return true;
        }
    }

    /** {@code !}: no one. */
    record Never() implements Rule {
        @Override
        public boolean allows(NuboPrincipal caller, Map<String, String> target, Function<String, Rule> named) {
            return false;
        }
    }

    /** {@code role:admin}: the token carries the role on its scope. */
    record HasRole(String role) implements Rule {
        @Override
        public boolean allows(NuboPrincipal caller, Map<String, String> target, Function<String, Rule> named) {
            return caller != null && caller.hasRole(role);
        }
    }

    /** {@code system_scope:all}: a system-scoped token. */
    record SystemScoped() implements Rule {
        @Override
        public boolean allows(NuboPrincipal caller, Map<String, String> target, Function<String, Rule> named) {
            return caller != null && caller.system();
        }
    }

    /**
     * {@code user_id:%(user_id)s}: a value of the token equals a value of the target (or a literal, when
     * {@code targetKey} is null). A missing value on either side never matches.
     */
    record Matches(Credential credential, String targetKey, String literal) implements Rule {
        @Override
        public boolean allows(NuboPrincipal caller, Map<String, String> target, Function<String, Rule> named) {
            if (caller == null) {
                return false;
            }
            String mine = credential.of(caller);
            String theirs = targetKey == null ? literal : target.get(targetKey);
            return mine != null && mine.equals(theirs);
        }
    }

    /** {@code rule:admin_required}: another rule of the table, by name. */
    record Named(String name) implements Rule {
        @Override
        public boolean allows(NuboPrincipal caller, Map<String, String> target, Function<String, Rule> named) {
            return named.apply(name).allows(caller, target, named);
        }
    }

    record Not(Rule rule) implements Rule {
        @Override
        public boolean allows(NuboPrincipal caller, Map<String, String> target, Function<String, Rule> named) {
            return !rule.allows(caller, target, named);
        }
    }

    record All(List<Rule> rules) implements Rule {
        @Override
        public boolean allows(NuboPrincipal caller, Map<String, String> target, Function<String, Rule> named) {
            return rules.stream().allMatch(r -> r.allows(caller, target, named));
        }
    }

    record Any(List<Rule> rules) implements Rule {
        @Override
        public boolean allows(NuboPrincipal caller, Map<String, String> target, Function<String, Rule> named) {
            return rules.stream().anyMatch(r -> r.allows(caller, target, named));
        }
    }

    /** What a {@link Matches} check reads from the token, by its name in a check string. */
    enum Credential {
        USER_ID("user_id"), USER_DOMAIN_ID("user_domain_id"), PROJECT_ID("project_id"),
        PROJECT_DOMAIN_ID("project_domain_id"), DOMAIN_ID("domain_id");

        private final String key;

        Credential(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        String of(NuboPrincipal p) {
            return switch (this) {
                case USER_ID -> p.userId();
                case USER_DOMAIN_ID -> p.userDomainId();
                case PROJECT_ID -> p.projectId();
                case PROJECT_DOMAIN_ID -> p.projectDomainId();
                case DOMAIN_ID -> p.domainId();
            };
        }

        static Credential named(String key) {
            for (Credential c : values()) {
                if (c.key.equals(key)) {
                    return c;
                }
            }
            return null;
        }
    }
}
