package io.nubo.compute.wire;

import java.util.List;

/**
 * Nova's policy defaults as data (nova/policies/*.py, the legacy {@code admin_api} / {@code admin_or_owner}
 * rules): each action with its oslo.policy check string and the operations it guards. {@code ComputePolicies}
 * turns this list into the shared {@code PolicyTable}; {@link Access} evaluates it with the shared enforcer.
 */
public enum ComputePolicy {
    FLAVOR_MANAGE("os_compute_api:os-flavor-manage", Check.ADMIN, "Create and delete flavors.",
            "POST /v2.1/flavors", "DELETE /v2.1/flavors/{id}"),
    FLAVOR_EXTRA_SPECS_READ("os_compute_api:os-flavor-extra-specs:index", Check.ANY, "Read flavor extra specs.",
            "GET /v2.1/flavors/{id}/os-extra_specs"),
    FLAVOR_EXTRA_SPECS_MANAGE("os_compute_api:os-flavor-extra-specs:create", Check.ADMIN,
            "Set and delete flavor extra specs.", "POST /v2.1/flavors/{id}/os-extra_specs"),
    FLAVOR_ACCESS_MANAGE("os_compute_api:os-flavor-access:add_tenant_access", Check.ADMIN,
            "Share a private flavor with a project, or stop sharing it.", "POST /v2.1/flavors/{id}/action"),
    FLAVOR_ACCESS_LIST("os_compute_api:os-flavor-access", Check.ADMIN, "List a private flavor's projects.",
            "GET /v2.1/flavors/{id}/os-flavor-access"),
    KEYPAIR_OTHER_USER("os_compute_api:os-keypairs:index:user_id", Check.ADMIN,
            "List, show or delete another user's key pairs (user_id).", "GET /v2.1/os-keypairs"),
    QUOTA_SHOW("os_compute_api:os-quota-sets:show", Check.ADMIN_OR_OWNER, "Show a project's quotas.",
            "GET /v2.1/os-quota-sets/{project_id}"),
    QUOTA_UPDATE("os_compute_api:os-quota-sets:update", Check.ADMIN, "Set or revert a project's quotas.",
            "PUT /v2.1/os-quota-sets/{project_id}", "DELETE /v2.1/os-quota-sets/{project_id}"),
    LIMITS_OTHER_PROJECT("os_compute_api:limits:other_project", Check.ADMIN,
            "Show another project's limits (tenant_id).", "GET /v2.1/limits"),
    SERVER_OWNER("os_compute_api:servers:show", Check.ADMIN_OR_OWNER, "See and act on a server.",
            "GET /v2.1/servers/{id}", "POST /v2.1/servers/{id}/action"),
    SERVER_ALL_TENANTS("os_compute_api:servers:index:get_all_tenants", Check.ADMIN,
            "List the servers of all projects.", "GET /v2.1/servers"),
    SERVER_FORCED_HOST("os_compute_api:servers:create:forced_host", Check.ADMIN,
            "Name the host of a new server (availability_zone zone:host).", "POST /v2.1/servers"),
    SERVER_EXTENDED_ATTRIBUTES("os_compute_api:os-extended-server-attributes", Check.ADMIN,
            "See a server's host and instance name.", "GET /v2.1/servers/{id}"),
    SERVER_HOST_STATUS("os_compute_api:servers:show:host_status", Check.ADMIN,
            "See the state of a server's host (host_status, 2.16).", "GET /v2.1/servers/{id}"),
    MIGRATIONS("os_compute_api:os-migrations:index", Check.ADMIN, "List migrations.", "GET /v2.1/os-migrations"),
    SERVER_TAGS_INDEX("os_compute_api:os-server-tags:index", Check.ADMIN_OR_OWNER, "List a server's tags.",
            "GET /v2.1/servers/{server_id}/tags"),
    SERVER_TAGS_SHOW("os_compute_api:os-server-tags:show", Check.ADMIN_OR_OWNER, "Check a server's tag.",
            "GET /v2.1/servers/{server_id}/tags/{tag}"),
    SERVER_TAGS_UPDATE("os_compute_api:os-server-tags:update", Check.ADMIN_OR_OWNER, "Add a tag to a server.",
            "PUT /v2.1/servers/{server_id}/tags/{tag}"),
    SERVER_TAGS_UPDATE_ALL("os_compute_api:os-server-tags:update_all", Check.ADMIN_OR_OWNER,
            "Replace a server's tags.", "PUT /v2.1/servers/{server_id}/tags"),
    SERVER_TAGS_DELETE("os_compute_api:os-server-tags:delete", Check.ADMIN_OR_OWNER, "Remove a tag from a server.",
            "DELETE /v2.1/servers/{server_id}/tags/{tag}"),
    SERVER_TAGS_DELETE_ALL("os_compute_api:os-server-tags:delete_all", Check.ADMIN_OR_OWNER,
            "Remove every tag of a server.", "DELETE /v2.1/servers/{server_id}/tags"),
    SERVER_MIGRATIONS_INDEX("os_compute_api:servers:migrations:index", Check.ADMIN,
            "List a server's live migrations in progress.", "GET /v2.1/servers/{server_id}/migrations"),
    SERVER_MIGRATIONS_SHOW("os_compute_api:servers:migrations:show", Check.ADMIN,
            "Show a server's live migration in progress.", "GET /v2.1/servers/{server_id}/migrations/{migration_id}"),
    SERVER_MIGRATIONS_FORCE_COMPLETE("os_compute_api:servers:migrations:force_complete", Check.ADMIN,
            "Force a server's running live migration to complete.",
            "POST /v2.1/servers/{server_id}/migrations/{migration_id}/action (force_complete)"),
    SERVER_MIGRATIONS_DELETE("os_compute_api:servers:migrations:delete", Check.ADMIN,
            "Abort a server's running live migration.",
            "DELETE /v2.1/servers/{server_id}/migrations/{migration_id}"),
    SERVER_MIGRATE_LIVE("os_compute_api:os-migrate-server:migrate_live", Check.ADMIN,
            "Live-migrate a server to another host (os-migrateLive).", "POST /v2.1/servers/{id}/action"),
    SERVER_EVACUATE("os_compute_api:os-evacuate", Check.ADMIN,
            "Evacuate a server from a failed host to a new host.", "POST /v2.1/servers/{id}/action (evacuate)"),
    SERVER_MIGRATE("os_compute_api:os-migrate-server:migrate", Check.ADMIN,
            "Cold-migrate a server to another host (migrate).", "POST /v2.1/servers/{id}/action (migrate)"),
    SERVER_RESET_STATE("os_compute_api:os-admin-actions:reset_state", Check.ADMIN,
            "Reset a server's state to active or error (os-resetState).", "POST /v2.1/servers/{id}/action"),
    SERVER_SHELVE("os_compute_api:os-shelve:shelve", Check.ADMIN_OR_OWNER,
            "Shelve a server (snapshot, then offload from its host).", "POST /v2.1/servers/{id}/action (shelve)"),
    SERVER_SHELVE_OFFLOAD("os_compute_api:os-shelve:shelve_offload", Check.ADMIN,
            "Offload a shelved server from its host.", "POST /v2.1/servers/{id}/action (shelveOffload)"),
    SERVER_UNSHELVE("os_compute_api:os-shelve:unshelve", Check.ADMIN_OR_OWNER,
            "Unshelve a shelved server onto a host.", "POST /v2.1/servers/{id}/action (unshelve)"),
    SERVER_UNLOCK_OVERRIDE("os_compute_api:os-lock-server:unlock:unlock_override", Check.ADMIN,
            "Unlock a server an administrator locked.", "POST /v2.1/servers/{id}/action"),
    VOLUME_ATTACHMENTS_LIST("os_compute_api:os-volumes-attachments:index", Check.ADMIN_OR_OWNER,
            "List a server's volume attachments.", "GET /v2.1/servers/{server_id}/os-volume_attachments"),
    VOLUME_ATTACHMENTS_SHOW("os_compute_api:os-volumes-attachments:show", Check.ADMIN_OR_OWNER,
            "Show a server's volume attachment.", "GET /v2.1/servers/{server_id}/os-volume_attachments/{volume_id}"),
    VOLUME_ATTACHMENTS_CREATE("os_compute_api:os-volumes-attachments:create", Check.ADMIN_OR_OWNER,
            "Attach a volume to a server.", "POST /v2.1/servers/{server_id}/os-volume_attachments"),
    VOLUME_ATTACHMENTS_SWAP("os_compute_api:os-volumes-attachments:swap", Check.ADMIN,
            "Swap the volume attached to a server for another one.",
            "PUT /v2.1/servers/{server_id}/os-volume_attachments/{volume_id}"),
    VOLUME_ATTACHMENTS_DELETE("os_compute_api:os-volumes-attachments:delete", Check.ADMIN_OR_OWNER,
            "Detach a volume from a server.", "DELETE /v2.1/servers/{server_id}/os-volume_attachments/{volume_id}"),
    INTERFACES_LIST("os_compute_api:os-attach-interfaces:list", Check.ADMIN_OR_OWNER,
            "List a server's port interfaces.", "GET /v2.1/servers/{server_id}/os-interface"),
    INTERFACES_SHOW("os_compute_api:os-attach-interfaces:show", Check.ADMIN_OR_OWNER,
            "Show a server's port interface.", "GET /v2.1/servers/{server_id}/os-interface/{port_id}"),
    INTERFACES_CREATE("os_compute_api:os-attach-interfaces:create", Check.ADMIN_OR_OWNER,
            "Attach a port interface to a server.", "POST /v2.1/servers/{server_id}/os-interface"),
    INTERFACES_DELETE("os_compute_api:os-attach-interfaces:delete", Check.ADMIN_OR_OWNER,
            "Detach a port interface from a server.", "DELETE /v2.1/servers/{server_id}/os-interface/{port_id}"),
    SECURITY_GROUPS("os_compute_api:os-security-groups", Check.ADMIN_OR_OWNER,
            "Use the nova-network security group proxies (to the network service, with the caller's token).",
            "GET /v2.1/os-security-groups", "POST /v2.1/os-security-group-rules",
            "GET /v2.1/servers/{server_id}/os-security-groups", "POST /v2.1/servers/{server_id}/action (addSecurityGroup)"),
    FLOATING_IPS("os_compute_api:os-floating-ips", Check.ADMIN_OR_OWNER,
            "Use the nova-network floating IP proxies (to the network service, with the caller's token).",
            "GET /v2.1/os-floating-ips", "GET /v2.1/os-floating-ip-pools",
            "POST /v2.1/servers/{server_id}/action (addFloatingIp)"),
    INSTANCE_ACTION_EVENTS_DETAILS("os_compute_api:os-instance-actions:events:details", Check.ADMIN,
            "See the traceback of an instance action's events.",
            "GET /v2.1/servers/{id}/os-instance-actions/{request_id}"),
    HYPERVISORS("os_compute_api:os-hypervisors", Check.ADMIN, "List and show hypervisors.",
            "GET /v2.1/os-hypervisors"),
    SERVICES("os_compute_api:os-services", Check.ADMIN, "List, enable and disable compute services.",
            "GET /v2.1/os-services"),
    AGGREGATES("os_compute_api:os-aggregates", Check.ADMIN, "Manage host aggregates and their zones.",
            "GET /v2.1/os-aggregates", "POST /v2.1/os-aggregates", "POST /v2.1/os-aggregates/{id}/action"),
    AVAILABILITY_ZONE_DETAIL("os_compute_api:os-availability-zone:detail", Check.ADMIN,
            "List availability zones with their hosts.", "GET /v2.1/os-availability-zone/detail"),
    SERVER_EXTERNAL_EVENTS("os_compute_api:os-server-external-events:create", Check.ADMIN_OR_SERVICE,
            "Tell servers of events other services saw (network-vif-plugged, volume-extended).",
            "POST /v2.1/os-server-external-events"),
    USAGE_LIST("os_compute_api:os-simple-tenant-usage:list", Check.ADMIN, "Show every project's usage.",
            "GET /v2.1/os-simple-tenant-usage"),
    USAGE_SHOW("os_compute_api:os-simple-tenant-usage:show", Check.ADMIN_OR_OWNER, "Show a project's usage.",
            "GET /v2.1/os-simple-tenant-usage/{project_id}");

    /** Nova's legacy base rules. */
    public enum Check {
        ANY("@"), ADMIN("rule:admin_api"), ADMIN_OR_OWNER("rule:admin_or_owner"),
        /** Nova's {@code service_api} rule (another service's user) or an administrator */
        ADMIN_OR_SERVICE("rule:admin_api or rule:service_api");

        private final String checkString;

        Check(String checkString) {
            this.checkString = checkString;
        }

        public String checkString() {
            return checkString;
        }
    }

    private final String action;
    private final Check check;
    private final String description;
    private final List<String> operations;

    ComputePolicy(String action, Check check, String description, String... operations) {
        this.action = action;
        this.check = check;
        this.description = description;
        this.operations = List.of(operations);
    }

    public String action() {
        return action;
    }

    public Check check() {
        return check;
    }

    public String description() {
        return description;
    }

    public List<String> operations() {
        return operations;
    }
}
