/**
 * The contract between the compute API ({@code compute-service}) and the compute agent on each host, as Nova's
 * {@code compute/rpcapi.py} is between nova-api and nova-compute.
 *
 * <ul>
 *   <li>{@link ComputeCommand}s go from the API to one host's agent on {@link io.nubo.shared.events.Topics#COMPUTE_COMMANDS},
 *       keyed by instance id, so the commands for one instance arrive in order and the agent runs one operation
 *       at a time per instance. Every agent reads the whole topic in a consumer group of its own
 *       ({@code compute-agent.<host>}) and acts only on commands whose {@code host} is its own (Nova's
 *       {@code compute.<host>} queue). The envelope's {@code event_id} is the command's idempotency key.</li>
 *   <li>{@link AgentReport}s go from an agent back to the API on {@link io.nubo.shared.events.Topics#COMPUTE_AGENT}:
 *       host status (registration, heartbeat, capacity) keyed by host, and instance reports keyed by instance id.</li>
 * </ul>
 *
 * The API owns {@code vm_state} and {@code task_state}; the agent reports what happened (outcome) and what it
 * observes ({@link PowerState}). Changes are additive within a major version (see {@code EventContract}).
 */
package io.nubo.shared.events.compute;
