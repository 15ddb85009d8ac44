package io.nubo.network.securitygroup;

/** Whether ports still use a group; the port feature implements it, so this feature needs no port. */
public interface SecurityGroupUsage {

    boolean inUse(String securityGroupId);
}
