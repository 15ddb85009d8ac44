package io.nubo.testsupport.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The package boundaries of a Nubo service, by convention, so that a new module gets them without configuration.
 * Under the service's root package (e.g. {@code io.nubo.identity}) every direct sub-package is a feature
 * ({@code directory}, {@code assignment}, {@code image}, ...), except three with a fixed role:
 * <ul>
 *   <li>{@code web}: the HTTP edge shared by the features (dispatchers, filters). It may use features; no feature
 *       uses it.</li>
 *   <li>{@code error}: the service's error enum and exception. Every feature uses it; it uses no feature.</li>
 *   <li>{@code config}: wiring (beans, typed properties). It may use everything.</li>
 * </ul>
 * A feature's {@code internal} sub-packages, its Spring Data repositories and its JPA entities are used by that
 * feature only: other features go through its public services (or an event). Features do not form cycles. Servlet
 * types appear only at the edge: in a {@code web} package, in a controller, or in wiring.
 */
public final class NuboArchitectureRules {

    public static final String WEB = "web";
    public static final String ERROR = "error";
    public static final String CONFIG = "config";

    private NuboArchitectureRules() {
    }

    /** Every rule, for the service whose classes live under {@code root}. */
    public static List<ArchRule> all(String root) {
        // a young module may have no entity, no internal package yet: a rule with nothing to check passes
        return Stream.of(featuresDoNotUseTheWebEdge(root), errorsUseNoFeature(root), internalsStayInTheirFeature(root),
                repositoriesStayInTheirFeature(root), entitiesStayInTheirFeature(root), featuresFormNoCycles(root),
                servletTypesStayAtTheEdge(root)).map(r -> r.allowEmptyShould(true)).toList();
    }

    public static ArchRule featuresDoNotUseTheWebEdge(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .and().resideOutsideOfPackages(root + "." + WEB + "..", root + "." + CONFIG + "..")
                .and(notInRootPackage(root))
                .should().dependOnClassesThat().resideInAPackage(root + "." + WEB + "..")
                .because("web depends on features, never the reverse");
    }

    public static ArchRule errorsUseNoFeature(String root) {
        return classes().that().resideInAPackage(root + "." + ERROR + "..")
                .should(onlyDependOnOwnFeatureOr(root, ERROR))
                .because("every feature uses the service's errors, so they can use no feature");
    }

    public static ArchRule internalsStayInTheirFeature(String root) {
        return classes().that().resideInAPackage(root + ".*.internal..")
                .should(beUsedOnlyInsideTheirFeature(root))
                .because("a feature's internal package is not its public API");
    }

    public static ArchRule repositoriesStayInTheirFeature(String root) {
        return classes().that().resideInAPackage(root + "..")
                .and().areAssignableTo("org.springframework.data.repository.Repository")
                .should(beUsedOnlyInsideTheirFeature(root))
                .because("another feature goes through the owning feature's service, not its repository");
    }

    public static ArchRule entitiesStayInTheirFeature(String root) {
        return classes().that().resideInAPackage(root + "..")
                .and().areAnnotatedWith("jakarta.persistence.Entity")
                .should(beUsedOnlyInsideTheirFeature(root))
                .because("a feature's entities are its own storage model, not part of its API");
    }

    public static ArchRule featuresFormNoCycles(String root) {
        return slices().matching(root + ".(*)..").namingSlices("feature $1")
                .should().beFreeOfCycles()
                .ignoreDependency(DescribedPredicate.describe("wiring in config", (JavaClass c) ->
                        c.getPackageName().startsWith(root + "." + CONFIG)), DescribedPredicate.alwaysTrue())
                .because("features that use each other are one feature; split them by a service or an event");
    }

    public static ArchRule servletTypesStayAtTheEdge(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .and().resideOutsideOfPackages("..web..", root + "." + CONFIG + "..")
                .and().areNotAnnotatedWith("org.springframework.stereotype.Controller")
                .and().areNotAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                .and().areNotAnnotatedWith("org.springframework.web.bind.annotation.RestControllerAdvice")
                .and().areNotAssignableTo("jakarta.servlet.Filter")
                .and(notInRootPackage(root))
                .should().dependOnClassesThat().resideInAPackage("jakarta.servlet..")
                .because("a feature takes immutable request records; servlet types stay in web and controllers");
    }

    /** What makes a test an integration test: a Spring context or one of the real things it talks to. */
    static final List<String> REAL_THINGS = List.of("org.springframework.boot.test.context.SpringBootTest",
            "io.nubo.testsupport.PostgresTestDatabase", "io.nubo.testsupport.KafkaTestBroker",
            "io.nubo.testsupport.SingleNodeCeph", "io.nubo.embedded.kafka.EmbeddedKafkaBroker");

    /**
     * For a module's test classes: a test that starts Spring or uses PostgreSQL, Kafka or Ceph (itself or through
     * its superclass) is tagged {@code @Tag("integration")}, so that {@code ./nubo test} counts it in the
     * integration part and the unit part stays fast.
     */
    public static ArchRule integrationTestsAreTagged() {
        return classes().that().areTopLevelClasses().and().doNotHaveModifier(JavaModifier.ABSTRACT)
                .and(DescribedPredicate.describe("need a Spring context, PostgreSQL, Kafka or Ceph",
                        NuboArchitectureRules::needsTheRealThings))
                .should(new ArchCondition<>("be tagged @Tag(\"integration\")") {
                    @Override
                    public void check(JavaClass c, ConditionEvents events) {
                        if (!taggedIntegration(c)) {
                            events.add(SimpleConditionEvent.violated(c, c.getName()
                                    + " needs the real things but is not tagged integration"));
                        }
                    }
                }).allowEmptyShould(true);
    }

    private static Stream<JavaClass> hierarchy(JavaClass c) {
        return Stream.concat(Stream.of(c), c.getAllRawSuperclasses().stream());
    }

    static boolean needsTheRealThings(JavaClass c) {
        return hierarchy(c).anyMatch(k -> REAL_THINGS.stream().anyMatch(k::isAnnotatedWith)
                || k.getDirectDependenciesFromSelf().stream()
                        .anyMatch(d -> REAL_THINGS.contains(d.getTargetClass().getName())));
    }

    static boolean taggedIntegration(JavaClass c) {
        return hierarchy(c).anyMatch(k -> k.getAnnotations().stream()
                .anyMatch(a -> a.getRawType().getName().equals("org.junit.jupiter.api.Tag")
                        && "integration".equals(a.get("value").orElse(null))));
    }

    /** The feature (first package under root) a class belongs to, if any. */
    static Optional<String> featureOf(String root, JavaClass c) {
        String p = c.getPackageName();
        if (!p.startsWith(root + ".")) {
            return Optional.empty();
        }
        String rest = p.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }

    private static DescribedPredicate<JavaClass> notInRootPackage(String root) {
        return DescribedPredicate.describe("are not in the root package", c -> !c.getPackageName().equals(root));
    }

    /** Each class that uses the checked one lies in the checked one's feature, in config, or in the root package. */
    private static ArchCondition<JavaClass> beUsedOnlyInsideTheirFeature(String root) {
        return new ArchCondition<>("be used only inside their own feature") {
            @Override
            public void check(JavaClass target, ConditionEvents events) {
                Optional<String> owner = featureOf(root, target);
                for (Dependency d : target.getDirectDependenciesToSelf()) {
                    JavaClass origin = d.getOriginClass();
                    Optional<String> user = featureOf(root, origin);
                    if (user.isEmpty() || user.equals(owner) || user.get().equals(CONFIG)) {
                        continue;
                    }
                    events.add(SimpleConditionEvent.violated(d, d.getDescription() + ": feature " + user.get()
                            + " uses " + target.getSimpleName() + " of feature " + owner.orElse("?")));
                }
            }
        };
    }

    private static ArchCondition<JavaClass> onlyDependOnOwnFeatureOr(String root, String feature) {
        return new ArchCondition<>("depend on no feature") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    Optional<String> used = featureOf(root, d.getTargetClass());
                    if (used.isPresent() && !used.get().equals(feature)) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription() + ": " + feature
                                + " uses feature " + used.get()));
                    }
                }
            }
        };
    }
}
