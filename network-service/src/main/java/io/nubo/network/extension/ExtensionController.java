package io.nubo.network.extension;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.network.common.ListQuery;
import io.nubo.network.error.NetworkError;
import io.nubo.shared.validation.ValidatedQuery;
import java.util.List;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /v2.0/extensions}: exactly the Neutron API extensions this service serves (clients such as the
 * openstack CLI and Tempest switch features on by these aliases, so none is listed that is not implemented).
 */
@RestController
public class ExtensionController {

    public record Extension(String name, String alias, String description, String updated, List<Object> links) {
    }

    public record Extensions(List<Extension> extensions) {
    }

    public record One(Extension extension) {
    }

    static final List<Extension> SERVED = List.of(
            ext("Neutron external network", "external-net", "Adds external network attribute to network resource."),
            ext("Provider Network", "provider", "Expose mapping of virtual networks to physical networks"),
            ext("Network MTU", "net-mtu", "Provides MTU attribute for a network resource."),
            ext("Network MTU (writable)", "net-mtu-writable", "Provides a writable MTU attribute for a network"
                    + " resource."),
            ext("Port Security", "port-security", "Provides port security"),
            ext("Port Binding", "binding", "Expose port bindings of a virtual port to external application"),
            ext("Allowed Address Pairs", "allowed-address-pairs", "Provides allowed address pairs"),
            ext("security-group", "security-group", "The security groups extension."),
            ext("Security Group Rules Normalized CIDR", "security-groups-normalized-cidr", "Add new field with"
                    + " normalized remote_ip_prefix cidr in SG rule"),
            ext("Stateful security group", "stateful-security-group", "Indicates if the security group is"
                    + " stateful or not"),
            ext("Quota management support", "quotas", "Expose functions for quotas management per project"),
            ext("Quota details management support", "quota_details", "Expose functions for quotas usage"
                    + " statistics per project"),
            ext("Tag support", "tag", "Enables to set tag on resources."),
            ext("Tag support for resources with standard attribute: subnet, floatingip, router, network, security"
                    + " group, port", "standard-attr-tag", "Enables to set tag on resources with standard"
                    + " attribute."),
            ext("Resource timestamps", "standard-attr-timestamp", "Adds created_at and updated_at fields to all"
                    + " Neutron resources that have Neutron standard attributes."),
            ext("Resource revision numbers", "standard-attr-revisions", "This extension will display the revision"
                    + " number of neutron resources."),
            ext("standard-attr-description", "standard-attr-description", "Extension to add descriptions to"
                    + " standard attributes"),
            ext("Neutron L3 Router", "router", "Router abstraction for basic L3 forwarding between L2 Neutron"
                    + " networks and access to external networks via a NAT gateway."),
            ext("Neutron L3 Configurable external gateway mode", "ext-gw-mode", "Extension of the router"
                    + " abstraction for specifying whether SNAT should occur on the external gateway"),
            ext("Subnet Allocation", "subnet_allocation", "Enables allocation of subnets from a subnet pool"),
            ext("agent", "agent", "The agent management extension."),
            ext("IP address substring filtering", "ip-substring-filtering", "Provides IP address substring"
                    + " filtering when listing ports"),
            ext("Service Type Management", "service-type", "API for retrieving service providers for Neutron"
                    + " advanced services"),
            ext("Pagination support", "pagination", "Extension that indicates that pagination is enabled."),
            ext("Sorting support", "sorting", "Extension that indicates that sorting is enabled."),
            ext("project_id field enabled", "project-id", "Extension that indicates that project_id field is"
                    + " enabled."));

    private static Extension ext(String name, String alias, String description) {
        return new Extension(name, alias, description, "2026-12-01T00:00:00-00:00", List.of());
    }

    @GetMapping("/v2.0/extensions")
    public Extensions list() {
        return new Extensions(SERVED);
    }

    @GetMapping("/v2.0/extensions/{alias}")
    public One show(@PathVariable String alias) {
        return new One(SERVED.stream().filter(e -> e.alias().equals(alias)).findFirst()
                .orElseThrow(() -> NetworkError.EXTENSION_NOT_FOUND.exception(alias)));
    }

    public record ServiceProviders(@JsonProperty("service_providers") List<JsonNode> serviceProviders) {
    }

    /**
     * {@code service-type}: the providers of advanced services (load balancers, VPN, ...). Nubo serves none of
     * them, so the list is empty; it is still a list query like any other.
     */
    @GetMapping("/v2.0/service-providers")
    @ValidatedQuery("network/list-query.json")
    public ServiceProviders serviceProviders(@RequestParam MultiValueMap<String, String> params) {
        return new ServiceProviders(new ListQuery(params).apply(List.of(), "/v2.0/service-providers").items());
    }

    /** The aliases, for docs and Tempest's {@code api_extensions}. */
    public static List<String> aliases() {
        return SERVED.stream().map(Extension::alias).toList();
    }
}
