package io.nubo.computeagent;

import io.nubo.testsupport.architecture.NuboArchitectureTest;

/** The agent's package boundaries (see {@code NuboArchitectureRules}): features form no cycles. */
class ComputeAgentArchitectureTest extends NuboArchitectureTest {
}
