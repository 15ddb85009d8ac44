package io.nubo.computeagent.design;

import java.util.List;
import java.util.Locale;

/**
 * The operator's CPU choice, as Nova's {@code [libvirt] cpu_mode}, {@code cpu_models} and
 * {@code cpu_model_extra_flags}: {@code none} (the hypervisor's default), {@code host-model},
 * {@code host-passthrough} or {@code custom} (the first of {@code models}, plus {@code extraFlags}; a flag
 * written {@code -name} is disabled, else required).
 */
public record CpuPolicy(Mode mode, List<String> models, List<String> extraFlags) {

    public enum Mode {
        NONE, HOST_MODEL, HOST_PASSTHROUGH, CUSTOM;

        public static Mode parse(String value) {
            if (value == null || value.isBlank()) {
                return NONE;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("nubo.agent.cpu-mode must be none, host-model, host-passthrough or "
                        + "custom, not " + value);
            }
        }
    }

    public CpuPolicy {
        mode = mode == null ? Mode.NONE : mode;
        models = models == null ? List.of() : List.copyOf(models);
        extraFlags = extraFlags == null ? List.of() : List.copyOf(extraFlags);
        if (mode == Mode.CUSTOM && models.isEmpty()) {
            throw new IllegalArgumentException("nubo.agent.cpu-mode=custom needs nubo.agent.cpu-models (e.g. Nehalem)");
        }
    }

    public static CpuPolicy hypervisorDefault() {
        return new CpuPolicy(Mode.NONE, List.of(), List.of());
    }
}
