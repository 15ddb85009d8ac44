package io.nubo.computeagent.support;

import io.nubo.shared.events.compute.FlavorSpec;
import io.nubo.shared.events.compute.ImageSpec;
import io.nubo.shared.events.compute.NicSpec;
import io.nubo.shared.events.compute.PowerAction;
import io.nubo.shared.events.compute.SpawnInstance;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Commands as the compute API sends them. */
public final class Commands {

    private Commands() {
    }

    public static FlavorSpec flavor(int diskGb, int ephemeralGb, int swapMb) {
        return new FlavorSpec("f1", "m1.test", 1, 128, diskGb, ephemeralGb, swapMb, Map.of());
    }

    public static ImageSpec image(String id, String format, String sha512, Map<String, String> props) {
        return new ImageSpec(id, id, format, "bare", 0, 0, 0, "sha512", sha512, props, List.of());
    }

    public static SpawnInstance spawn(String instanceId, FlavorSpec flavor, ImageSpec image, boolean configDrive,
                                      List<NicSpec> nics) {
        return new SpawnInstance(instanceId, "host-1", UUID.randomUUID().toString(), "proj-1", "user-1",
                "guest-" + instanceId.substring(0, 8), "guest-" + instanceId.substring(0, 8), flavor, image, null, null,
                null, Map.of("role", "test"), configDrive, "nova", 0, nics, List.of(), Instant.now());
    }

    /** A spawn that boots from a volume: no image, the block devices given (the root with boot index 0). */
    public static SpawnInstance spawnFromVolume(String instanceId, FlavorSpec flavor,
                                                List<io.nubo.shared.events.compute.BlockDeviceSpec> devices) {
        return new SpawnInstance(instanceId, "host-1", UUID.randomUUID().toString(), "proj-1", "user-1",
                "guest-" + instanceId.substring(0, 8), "guest-" + instanceId.substring(0, 8), flavor, null, null, null,
                null, Map.of("role", "test"), false, "nova", 0, List.of(), devices, Instant.now());
    }

    public static PowerAction power(String instanceId, PowerAction.Action action, int timeoutSeconds) {
        return new PowerAction(instanceId, "host-1", UUID.randomUUID().toString(), action, timeoutSeconds);
    }
}
