package io.nubo.computeagent.domain;

import java.util.List;

/** {@code <cpu>}: the alternatives libvirt offers (none of them: the hypervisor's default, a null CpuSpec). */
public sealed interface CpuSpec permits CpuSpec.HostModel, CpuSpec.HostPassthrough, CpuSpec.Custom {

    /** {@code <cpu mode='host-model'/>}: the host's CPU model, as libvirt names it, with its features. */
    record HostModel() implements CpuSpec {
    }

    /** {@code <cpu mode='host-passthrough'/>}: the host's CPU as it is. */
    record HostPassthrough() implements CpuSpec {
    }

    /** {@code <cpu mode='custom' match='exact'>}: a named model plus extra features. */
    record Custom(String model, List<Feature> features) implements CpuSpec {
        public Custom {
            features = features == null ? List.of() : List.copyOf(features);
        }
    }

    /** {@code <feature policy='require' name='avx'/>}. */
    record Feature(String name, Policy policy) {
    }

    enum Policy {
        FORCE, REQUIRE, OPTIONAL, DISABLE, FORBID;

        public String xml() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
