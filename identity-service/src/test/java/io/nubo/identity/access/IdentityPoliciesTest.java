package io.nubo.identity.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import io.nubo.shared.policy.Policy;
import io.nubo.shared.policy.PolicyEnforcer;
import io.nubo.shared.policy.PolicyRule;
import io.nubo.shared.security.NuboPrincipal;
import io.nubo.testsupport.architecture.ModuleClasses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Identity's policy table without Spring: every persona against every rule of the table, and every handler against
 * the table (each names an action of it, and each action guards a handler). The HTTP side is ProtectionMatrixTest.
 */
class IdentityPoliciesTest {

    private static final PolicyEnforcer POLICY = new PolicyEnforcer(IdentityPolicies.TABLE);

    private static final Map<String, NuboPrincipal> PERSONAS = new LinkedHashMap<>();

    static {
        PERSONAS.put("admin", caller("boss", "p-admin", null, false, "admin", "member", "reader"));
        PERSONAS.put("system reader", caller("sys", null, null, true, "reader"));
        PERSONAS.put("domain A reader", caller("dom", null, "dA", false, "reader"));
        PERSONAS.put("project A member", caller("alice", "pA", null, false, "member", "reader"));
        PERSONAS.put("service", caller("nova", "p-service", null, false, "service"));
        PERSONAS.put("anonymous", null);
    }

    private static NuboPrincipal caller(String user, String project, String domain, boolean system,
                                        String... roles) {
        return new NuboPrincipal(user, "dA", project, project == null ? null : "dA", domain, system,
                Set.of(roles), List.of("audit"), null, null);
    }

    /** A thing in domain A, owned by alice, with alice's and project A's ids wherever a rule may look. */
    private static final Map<String, String> ALICES_THING_IN_A = Map.of("id", "pA", "userId", "alice",
            "user_id", "alice", "domain_id", "dA", "trustor_user_id", "alice", "token.user_id", "alice");

    /** The personas each check string of the table lets act on alice's thing in domain A. */
    private static final Map<String, Set<String>> EXPECTED = Map.ofEntries(
            Map.entry("rule:admin_required", Set.of("admin")),
            Map.entry("@", PERSONAS.keySet()),
            Map.entry("rule:reader_of_domain", Set.of("admin", "system reader", "domain A reader")),
            Map.entry("project_id:%(id)s or rule:reader_of_domain",
                    Set.of("admin", "system reader", "domain A reader", "project A member")),
            Map.entry("user_id:%(id)s or rule:reader_of_domain", Set.of("admin", "system reader", "domain A reader")),
            Map.entry("rule:admin_required or user_id:%(userId)s", Set.of("admin", "project A member")),
            Map.entry("rule:admin_required or user_id:%(user_id)s", Set.of("admin", "project A member")),
            Map.entry("rule:admin_required or user_id:%(id)s", Set.of("admin")),
            Map.entry("user_id:%(userId)s", Set.of("project A member")),
            Map.entry("rule:admin_required or domain_id:%(id)s or project_domain_id:%(id)s", Set.of("admin")),
            Map.entry("rule:admin_required or role:service or user_id:%(token.user_id)s",
                    Set.of("admin", "service", "project A member")),
            Map.entry("rule:admin_required or user_id:%(trustor_user_id)s or user_id:%(trustee_user_id)s",
                    Set.of("admin", "project A member")));

    @Test
    void everyPersonaGetsWhatItsRuleSaysForEveryActionOfTheTable() {
        int actions = 0;
        for (PolicyRule rule : IdentityPolicies.TABLE.entries()) {
            if (rule.operations().isEmpty()) {
                continue; // a base rule, checked through the actions that name it
            }
            actions++;
            assertThat(EXPECTED).as("expected personas for the check string of " + rule.name())
                    .containsKey(rule.checkString());
            Set<String> allowed = PERSONAS.entrySet().stream()
                    .filter(p -> POLICY.allows(rule.name(), p.getValue(), ALICES_THING_IN_A))
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            assertThat(allowed).as(rule.name()).isEqualTo(EXPECTED.get(rule.checkString()));
        }
        assertThat(actions).isGreaterThan(100);
    }

    @Test
    void aDomainReaderReadsItsOwnDomainOnly() {
        NuboPrincipal reader = PERSONAS.get("domain A reader");
        assertThat(POLICY.allows("identity:get_user", reader, Map.of("id", "bob", "domain_id", "dA"))).isTrue();
        assertThat(POLICY.allows("identity:get_user", reader, Map.of("id", "bob", "domain_id", "dB"))).isFalse();
        assertThat(POLICY.allows("identity:get_user", reader, Map.of("id", "nobody")))
                .as("a thing that does not exist is covered by a reader of everything only").isFalse();
        assertThat(POLICY.allows("identity:get_user", PERSONAS.get("system reader"), Map.of("id", "nobody")))
                .isTrue();
    }

    @Test
    void everyHandlerNamesAnActionOfTheTableAndEveryActionGuardsAHandler() {
        JavaClasses main = ModuleClasses.main("io.nubo.identity");
        Set<String> unguarded = new TreeSet<>();
        Set<String> named = new TreeSet<>();
        for (JavaClass c : main) {
            if (!c.isAnnotatedWith("org.springframework.web.bind.annotation.RestController")) {
                continue;
            }
            for (JavaMethod m : c.getMethods()) {
                boolean handler = m.getAnnotations().stream().anyMatch(a -> a.getRawType().getName()
                        .matches("org\\.springframework\\.web\\.bind\\.annotation\\.\\w+Mapping"));
                if (!handler) {
                    continue;
                }
                if (m.isAnnotatedWith(Policy.class)) {
                    named.add(m.getAnnotationOfType(Policy.class).value());
                } else if (!ENFORCED_IN_THE_HANDLER.containsKey(c.getSimpleName() + "." + m.getName())) {
                    unguarded.add(c.getSimpleName() + "." + m.getName());
                }
            }
        }
        named.addAll(ENFORCED_IN_THE_HANDLER.values());
        assertThat(unguarded).as("handlers with no @Policy").containsExactlyInAnyOrderElementsOf(PUBLIC);
        Set<String> actions = IdentityPolicies.TABLE.entries().stream().filter(r -> !r.operations().isEmpty())
                .map(PolicyRule::name).collect(Collectors.toCollection(TreeSet::new));
        assertThat(named).as("actions handlers name").isEqualTo(actions);
    }

    /** Handlers that need no token (Keystone's public API). */
    private static final Set<String> PUBLIC = Set.of("VersionController.versions", "VersionController.version",
            "JwksController.jwks", "TokenController.issue");

    /** Handlers whose target comes from the query, the body or a stored thing: they call the enforcer. */
    private static final Map<String, String> ENFORCED_IN_THE_HANDLER = Map.ofEntries(
            Map.entry("TrustController.list", "identity:list_trusts"),
            Map.entry("DirectoryController.domains", "identity:list_domains"),
            Map.entry("DirectoryController.projects", "identity:list_projects"),
            Map.entry("DirectoryController.users", "identity:list_users"),
            Map.entry("DirectoryController.roles", "identity:list_roles"),
            Map.entry("GroupController.list", "identity:list_groups"),
            Map.entry("GroupController.show", "identity:get_group"),
            Map.entry("ResourceController.project", "identity:get_project"),
            Map.entry("ResourceController.user", "identity:get_user"),
            Map.entry("RoleAssignmentListController.list", "identity:list_role_assignments"),
            Map.entry("CredentialController.create", "identity:create_credential"),
            Map.entry("CredentialController.update", "identity:update_credential"),
            Map.entry("TokenController.validate", "identity:validate_token"),
            Map.entry("TokenController.check", "identity:validate_token"),
            Map.entry("TokenController.revoke", "identity:validate_token"));
}
