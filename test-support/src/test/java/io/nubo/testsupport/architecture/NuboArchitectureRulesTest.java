package io.nubo.testsupport.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules against small sample services under {@code fixture}: one that keeps every boundary, and one per
 * deliberate violation, which must fail exactly the rule about it.
 */
class NuboArchitectureRulesTest {

    private static final String FIXTURES = "io.nubo.testsupport.architecture.fixture.";

    @Test
    void aServiceThatKeepsItsBoundariesPassesEveryRule() {
        assertThat(failing("good")).isEmpty();
    }

    @Test
    void aFeatureUsingTheWebEdgeFails() {
        assertThat(failing("webloop")).containsExactly(NuboArchitectureRules.featuresDoNotUseTheWebEdge(root("webloop"))
                .getDescription());
        assertThat(report("webloop", NuboArchitectureRules.featuresDoNotUseTheWebEdge(root("webloop"))))
                .contains("Orders.link").contains("Dispatcher.prefix");
    }

    @Test
    void anotherFeaturesInternalClassFails() {
        assertThat(failing("internal")).containsExactly(NuboArchitectureRules.internalsStayInTheirFeature(
                root("internal")).getDescription());
        assertThat(report("internal", NuboArchitectureRules.internalsStayInTheirFeature(root("internal"))))
                .contains("feature invoice uses OrderTable of feature order");
    }

    @Test
    void twoFeaturesUsingEachOtherFail() {
        assertThat(failing("cycle")).containsExactly(NuboArchitectureRules.featuresFormNoCycles(root("cycle"))
                .getDescription());
    }

    @Test
    void servletTypesInAFeatureFail() {
        assertThat(failing("servlet")).containsExactly(NuboArchitectureRules.servletTypesStayAtTheEdge(
                root("servlet")).getDescription());
    }

    @Test
    void errorsThatUseAFeatureFail() {
        assertThat(failing("errorloop")).containsExactly(NuboArchitectureRules.errorsUseNoFeature(root("errorloop"))
                .getDescription());
    }

    @Test
    void theFeatureOfAClassIsItsFirstPackageUnderTheRoot() {
        JavaClasses classes = classes("good");
        String root = root("good");
        assertThat(NuboArchitectureRules.featureOf(root, classes.get(root + ".order.internal.OrderTable")))
                .hasValue("order");
        assertThat(NuboArchitectureRules.featureOf(root, classes.get(root + ".web.Dispatcher"))).hasValue("web");
        assertThat(NuboArchitectureRules.featureOf("io.nubo.other", classes.get(root + ".web.Dispatcher"))).isEmpty();
    }

    @Test
    void aTestThatUsesTheRealThingsMustBeTaggedIntegration() {
        JavaClasses tests = classes("tests");
        EvaluationResult result = NuboArchitectureRules.integrationTestsAreTagged().evaluate(tests);
        assertThat(result.getFailureReport().getDetails()).hasSize(1).first().asString()
                .contains("UntaggedDatabaseTest needs the real things");
        assertThat(NuboArchitectureRules.taggedIntegration(tests.get(root("tests") + ".InheritsTheTagTest")))
                .as("the tag is inherited").isTrue();
        assertThat(NuboArchitectureRules.needsTheRealThings(tests.get(root("tests") + ".PlainTest"))).isFalse();
    }

    private static String root(String sample) {
        return FIXTURES + sample;
    }

    private static JavaClasses classes(String sample) {
        return new ClassFileImporter().importPackages(root(sample));
    }

    /** Descriptions of the rules the sample breaks. */
    private static List<String> failing(String sample) {
        JavaClasses classes = classes(sample);
        return NuboArchitectureRules.all(root(sample)).stream()
                .filter(r -> r.allowEmptyShould(true).evaluate(classes).hasViolation())
                .map(ArchRule::getDescription).toList();
    }

    private static String report(String sample, ArchRule rule) {
        EvaluationResult result = rule.allowEmptyShould(true).evaluate(classes(sample));
        return String.join("\n", result.getFailureReport().getDetails());
    }
}
