package io.nubo.compute.network;

import io.nubo.compute.error.ComputeError;
import io.nubo.compute.wire.Caller;
import io.nubo.shared.events.compute.NicSpec;
import java.util.List;
import java.util.Map;

/**
 * Where the cloud has no network service ({@code nubo.compute.network.url} unset): servers boot without NICs for
 * {@code auto} and {@code none}, and an explicit network or port is refused with a clear 400 rather than silently
 * ignored.
 */
public class NoNetworkService implements NetworkPorts {

    @Override
    public Request resolve(Caller caller, Request request, int count) {
        if (request instanceof Explicit) {
            throw ComputeError.NOT_YET_SUPPORTED.exception("Booting on explicit networks or ports is not available:"
                    + " this cloud has no network service. Use \"networks\": \"none\" or \"auto\".");
        }
        return new None();
    }

    /** Without a network service no port is made, so no group applies; Nova's own default is accepted. */
    @Override
    public List<String> securityGroups(Caller caller, List<String> namesOrIds) {
        for (String name : namesOrIds) {
            if (!name.equals("default")) {
                throw ComputeError.BAD_REQUEST.exception("Security group " + name + " not found.");
            }
        }
        return List.of();
    }

    @Override
    public List<NicSpec> allocate(Caller caller, Boot boot, Request request) {
        return List.of();
    }

    @Override
    public void release(String instanceId) {
    }

    @Override
    public Map<String, Object> addresses(String instanceId) {
        return Map.of();
    }

    @Override
    public Map<String, List<String>> securityGroupNames(Caller caller, List<String> instanceIds) {
        return Map.of();
    }

    @Override
    public List<Interface> interfaces(Caller caller, String instanceId) {
        return List.of();
    }

    @Override
    public Interface interfaceOf(Caller caller, String instanceId, String portId) {
        throw ComputeError.NOT_FOUND.exception("Port id " + portId + " could not be found.");
    }

    @Override
    public NicSpec attachPort(Caller caller, Boot boot, Requested requested) {
        throw ComputeError.NOT_YET_SUPPORTED.exception("Attaching interfaces is not available: this cloud has no"
                + " network service.");
    }

    @Override
    public boolean hasPort(String instanceId, String portId) {
        return false;
    }

    @Override
    public void detachPort(String instanceId, String portId) {
    }

    @Override
    public List<NicSpec> nics(String instanceId) {
        return List.of();
    }

    @Override
    public void rebind(String instanceId, String host, String availabilityZone) {
    }
}
