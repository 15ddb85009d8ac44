package io.nubo.metering;

import io.nubo.testsupport.architecture.NuboArchitectureTest;

/** The metering service keeps Nubo's package boundaries, strictly (a new module has no recorded debt). */
class MeteringArchitectureTest extends NuboArchitectureTest {
}
