package io.nubo.shared.events.compute;

import io.nubo.shared.events.NuboEvent;

/** What an agent tells the compute API: {@link HostStatus}, {@link InstanceReport}, {@link ConsoleOutput}, {@link MigrationProgress}. */
public sealed interface AgentReport extends NuboEvent permits HostStatus, InstanceReport, ConsoleOutput,
        MigrationProgress {

    String host();
}
