package io.nubo.shared.events;

/** Kafka topics. The major schema version is part of the name; a breaking change means a new topic. */
public final class Topics {

    /** Token revocations: every service reads this whole topic at start and keeps it in memory. */
    public static final String IDENTITY_REVOCATIONS = "nubo.identity.revocations.v1";
    /** Identity changes: projects, users, assignments. */
    public static final String IDENTITY = "nubo.identity.v1";
    public static final String IMAGE = "nubo.image.v1";
    public static final String OBJECT_STORE = "nubo.object-store.v1";
    public static final String BLOCK_STORAGE = "nubo.block-storage.v1";
    public static final String NETWORK = "nubo.network.v1";
    /** Instance lifecycle as users and metering see it (created, started, stopped, resized, deleted). */
    public static final String COMPUTE = "nubo.compute.v1";
    /** Metering's own events: budget thresholds reached. */
    public static final String METERING = "nubo.metering.v1";
    /** Commands from the compute API to the agents, keyed by instance id (see io.nubo.shared.events.compute). */
    public static final String COMPUTE_COMMANDS = "nubo.compute.commands.v1";
    /** Reports from the agents to the compute API: host status keyed by host, instance reports by instance id. */
    public static final String COMPUTE_AGENT = "nubo.compute.agent.v1";

    /** Every topic above: the one-machine clouds and the tests create them all before any service starts. */
    public static final java.util.List<String> ALL = java.util.List.of(IDENTITY_REVOCATIONS, IDENTITY, IMAGE,
            OBJECT_STORE, BLOCK_STORAGE, NETWORK, COMPUTE, METERING, COMPUTE_COMMANDS, COMPUTE_AGENT);

    private Topics() {
    }
}
