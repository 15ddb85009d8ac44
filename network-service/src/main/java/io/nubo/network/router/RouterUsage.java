package io.nubo.network.router;

/** What must be asked before a router loses its gateway or an interface; floating IPs implement it. */
public interface RouterUsage {

    /** 409 when floating IPs need the router's gateway. */
    void checkGatewayRemovable(String routerId, String networkId);

    /** 409 when floating IPs reach ports on the subnet through this router. */
    void checkInterfaceRemovable(String routerId, String subnetId);
}
