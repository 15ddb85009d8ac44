package io.nubo.testsupport.architecture;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.freeze.FreezingArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link NuboArchitectureRules} applied to one service module. Each service has one subclass, in its root package
 * (e.g. {@code io.nubo.compute.ComputeArchitectureTest extends NuboArchitectureTest {}}); the rules find the
 * features by package convention, so the subclass needs no body. A plain unit test: no Spring, no database.
 *
 * <p>A module written before the rules may list the violations it still has in {@code src/test/architecture-debt}
 * (ArchUnit's frozen violation store, returned by {@link #recordedDebt()}): those are tolerated, any new one fails
 * the build, and each one fixed disappears from the file on the next run, so the file is the module's to-do list.
 * A new module has no such file and gets the rules strictly. Recording the list needs
 * {@code NUBO_ARCHITECTURE_RECORD_DEBT=true} in the environment; nobody should need it again.
 */
public abstract class NuboArchitectureTest {

    /** Where this module's tolerated violations are listed (relative to the module), or null: none tolerated. */
    protected String recordedDebt() {
        return null;
    }

    /** The service's root package; by default the package of the subclass. */
    protected String rootPackage() {
        return getClass().getPackageName();
    }

    @TestFactory
    Stream<DynamicTest> serviceKeepsItsPackageBoundaries() {
        String root = rootPackage();
        JavaClasses classes = ModuleClasses.main(root);
        return NuboArchitectureRules.all(root).stream()
                .map(rule -> DynamicTest.dynamicTest(rule.getDescription(), () -> withDebt(rule).check(classes)));
    }

    /** {@code NUBO_ARCHITECTURE_RECORD_DEBT=true} (an environment variable reaches the test fork) records anew. */
    private static boolean recording() {
        return "true".equals(System.getenv("NUBO_ARCHITECTURE_RECORD_DEBT"));
    }

    @Test
    void testsThatNeedTheRealThingsAreTaggedIntegration() {
        NuboArchitectureRules.integrationTestsAreTagged().check(ModuleClasses.tests(rootPackage()));
    }


    private ArchRule withDebt(ArchRule rule) {
        String path = recordedDebt();
        if (path == null) {
            return rule;
        }
        // FreezingArchRule (re)initializes its store from ArchUnit's configuration on every evaluation
        ArchConfiguration config = ArchConfiguration.get();
        config.setProperty("freeze.store.default.path", path);
        config.setProperty("freeze.store.default.allowStoreCreation", String.valueOf(recording()));
        config.setProperty("freeze.store.default.allowStoreUpdate", "true");
        // NUBO_ARCHITECTURE_REFREEZE=true records the violations as they are now (a cycle's text lists every
        // dependency in it, so renaming a method inside a recorded cycle changes the text); review the diff
        config.setProperty("freeze.refreeze", String.valueOf("true".equals(System.getenv("NUBO_ARCHITECTURE_REFREEZE"))));
        return FreezingArchRule.freeze(rule);
    }
}
