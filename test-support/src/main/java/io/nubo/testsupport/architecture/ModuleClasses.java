package io.nubo.testsupport.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A module's own classes for ArchUnit, read from its build directory when the test runs in the module (Maven's
 * working directory): much faster than scanning the whole class path for the package, which is the fallback.
 */
public final class ModuleClasses {

    private ModuleClasses() {
    }

    /** The module's main classes under the package. */
    public static JavaClasses main(String rootPackage) {
        return read("target/classes", rootPackage, ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);
    }

    /** The module's test classes under the package. */
    public static JavaClasses tests(String rootPackage) {
        return read("target/test-classes", rootPackage, ImportOption.Predefined.ONLY_INCLUDE_TESTS);
    }

    private static JavaClasses read(String buildDirectory, String rootPackage, ImportOption option) {
        Path dir = Path.of(buildDirectory, rootPackage.replace('.', '/'));
        ClassFileImporter importer = new ClassFileImporter().withImportOption(option);
        return Files.isDirectory(dir) ? importer.importPath(dir) : importer.importPackages(rootPackage);
    }
}
