package io.nubo.computeagent.design;

/**
 * The libvirt name of an instance's domain. The prefix marks Nubo's guests among whatever else the host's libvirtd
 * runs, which the agent never touches.
 */
public final class GuestNames {

    public static final String PREFIX = "nubo-";

    private GuestNames() {
    }

    public static String domainName(String instanceId) {
        return PREFIX + instanceId;
    }

    /** The instance id of a Nubo domain, or null for a domain that is not Nubo's. */
    public static String instanceId(String domainName) {
        return domainName != null && domainName.startsWith(PREFIX) ? domainName.substring(PREFIX.length()) : null;
    }
}
