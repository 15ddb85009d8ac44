package io.nubo.computeagent.domain;

import java.util.List;

/**
 * {@code <os>}: the machine and how it boots.
 *
 * @param kernel    direct kernel boot, or null to boot through the firmware from {@code bootOrder}
 * @param bootOrder the firmware's {@code <boot dev=.../>} list, first first
 */
public record OsBoot(String arch, String machine, KernelBoot kernel, List<BootDevice> bootOrder) {

    public OsBoot {
        bootOrder = bootOrder == null ? List.of() : List.copyOf(bootOrder);
    }

    /** {@code <kernel>}, {@code <initrd>}, {@code <cmdline>}; initrd and cmdline may be null. */
    public record KernelBoot(String kernel, String initrd, String cmdline) {
    }

    public enum BootDevice {
        HD("hd"), CDROM("cdrom"), NETWORK("network");

        private final String xml;

        BootDevice(String xml) {
            this.xml = xml;
        }

        public String xml() {
            return xml;
        }

        public static BootDevice fromXml(String value) {
            for (BootDevice d : values()) {
                if (d.xml.equals(value)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("unknown boot device " + value);
        }
    }
}
