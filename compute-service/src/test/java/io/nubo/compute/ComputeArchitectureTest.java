package io.nubo.compute;

import io.nubo.testsupport.architecture.NuboArchitectureTest;

/** The package boundaries of this service (see {@code NuboArchitectureRules}): a unit test, no Spring. */
class ComputeArchitectureTest extends NuboArchitectureTest {
}
