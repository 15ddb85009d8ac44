package io.nubo.objectstore;

import io.nubo.testsupport.architecture.NuboArchitectureTest;

/**
 * The package boundaries of this service (see {@code NuboArchitectureRules}): a unit test, no Spring. The service
 * predates the rules; the violations it still has are listed in src/test/architecture-debt and shrink as they are
 * fixed. A new one fails the build.
 */
class ObjectStoreArchitectureTest extends NuboArchitectureTest {

    @Override
    protected String recordedDebt() {
        return "src/test/architecture-debt";
    }
}
