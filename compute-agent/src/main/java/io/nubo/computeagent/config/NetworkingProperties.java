package io.nubo.computeagent.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the agent wires NICs on this host, {@code nubo.agent.networking.*}.
 *
 * @param mode {@code linux}: each port's network gets its Linux bridge ({@code brq<net>}, network-dataplane) before
 *             the guest is defined, as Neutron's Linux bridge agent does; {@code none}: the bridges are someone
 *             else's (the libvirt test driver, a host wired by hand); {@code auto} (default): {@code linux} when the
 *             agent runs as root on a qemu libvirt, else {@code none}
 */
@ConfigurationProperties("nubo.agent.networking")
public record NetworkingProperties(@DefaultValue("auto") String mode) {

    public NetworkingProperties {
        if (!java.util.List.of("auto", "linux", "none").contains(mode)) {
            throw new IllegalArgumentException("nubo.agent.networking.mode must be auto, linux or none, not " + mode);
        }
    }

    /** Whether this agent makes the bridges itself. */
    public boolean linux(String libvirtUri) {
        return switch (mode) {
            case "linux" -> true;
            case "none" -> false;
            default -> libvirtUri.startsWith("qemu") && "root".equals(System.getProperty("user.name"));
        };
    }
}
