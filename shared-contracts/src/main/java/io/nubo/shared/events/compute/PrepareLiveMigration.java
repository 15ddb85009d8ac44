package io.nubo.shared.events.compute;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.shared.events.EventContract;
import io.nubo.shared.events.Topics;
import java.util.List;

/**
 * Before a live migration, to the destination's agent ({@code host}; Nova's {@code pre_live_migration}): connect
 * the instance's volumes here (the libvirt secrets an iSCSI CHAP login or a cephx key needs, from the connections
 * block storage gave for this host) and plug its NICs (each network's bridge made here), so that the guest finds
 * all of it when it arrives. Answered by one {@link InstanceReport} (operation {@code pre_live_migration}); on
 * failure the agent has undone what it did. Only when it succeeded does the compute API send the source its
 * {@link LiveMigrateInstance}.
 *
 * @param source the host the guest comes from
 */
@EventContract(type = "compute.command.pre_live_migration", version = "1.0", topic = Topics.COMPUTE_COMMANDS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PrepareLiveMigration(
        @JsonProperty("instance_id") String instanceId,
        @JsonProperty("host") String host,
        @JsonProperty("action_id") String actionId,
        @JsonProperty("source") String source,
        @JsonProperty("volumes") List<MigratingVolume> volumes,
        @JsonProperty("nics") List<NicSpec> nics) implements ComputeCommand {

    public PrepareLiveMigration {
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        nics = nics == null ? List.of() : List.copyOf(nics);
    }

    /** An attached volume and how the destination reaches it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MigratingVolume(
            @JsonProperty("volume_id") String volumeId,
            @JsonProperty("connection") VolumeConnection connection) {
    }
}
