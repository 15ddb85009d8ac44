package io.nubo.compute.policy;

import io.nubo.compute.web.Caller;
import io.nubo.compute.web.ComputeError;

/**
 * Nova's policy defaults as one table (nova/policies/*.py): each rule names its check. Controllers call
 * {@link #check} with the caller and, for owned resources, the owner project; nothing else decides access.
 * When the shared policy mechanism lands in shared-contracts this table moves onto it unchanged.
 */
public enum ComputePolicy {
    FLAVOR_MANAGE("os_compute_api:os-flavor-manage", Check.ADMIN),
    FLAVOR_EXTRA_SPECS_READ("os_compute_api:os-flavor-extra-specs:index", Check.ANY),
    FLAVOR_EXTRA_SPECS_MANAGE("os_compute_api:os-flavor-extra-specs:create", Check.ADMIN),
    FLAVOR_ACCESS_MANAGE("os_compute_api:os-flavor-access:add_tenant_access", Check.ADMIN),
    FLAVOR_ACCESS_LIST("os_compute_api:os-flavor-access", Check.ADMIN),
    KEYPAIR_OTHER_USER("os_compute_api:os-keypairs:index:user_id", Check.ADMIN),
    QUOTA_SHOW("os_compute_api:os-quota-sets:show", Check.ADMIN_OR_OWNER),
    QUOTA_UPDATE("os_compute_api:os-quota-sets:update", Check.ADMIN),
    LIMITS_OTHER_PROJECT("os_compute_api:limits:other_project", Check.ADMIN),
    SERVER_OWNER("os_compute_api:servers:show", Check.ADMIN_OR_OWNER),
    SERVER_ALL_TENANTS("os_compute_api:servers:index:get_all_tenants", Check.ADMIN),
    SERVER_FORCE_DELETE("os_compute_api:os-deferred-delete:force", Check.ADMIN_OR_OWNER),
    SERVER_EXTENDED_ATTRIBUTES("os_compute_api:os-extended-server-attributes", Check.ADMIN),
    SERVER_UNLOCK_OVERRIDE("os_compute_api:os-lock-server:unlock:unlock_override", Check.ADMIN),
    INSTANCE_ACTION_EVENTS_DETAILS("os_compute_api:os-instance-actions:events:details", Check.ADMIN),
    HYPERVISORS("os_compute_api:os-hypervisors", Check.ADMIN),
    SERVICES("os_compute_api:os-services", Check.ADMIN),
    AGGREGATES("os_compute_api:os-aggregates", Check.ADMIN),
    AVAILABILITY_ZONE_DETAIL("os_compute_api:os-availability-zone:detail", Check.ADMIN),
    USAGE_LIST("os_compute_api:os-simple-tenant-usage:list", Check.ADMIN),
    USAGE_SHOW("os_compute_api:os-simple-tenant-usage:show", Check.ADMIN_OR_OWNER);

    public enum Check { ANY, ADMIN, ADMIN_OR_OWNER }

    private final String rule;
    private final Check check;

    ComputePolicy(String rule, Check check) {
        this.rule = rule;
        this.check = check;
    }

    public boolean allows(Caller caller, String ownerProject) {
        return switch (check) {
            case ANY -> true;
            case ADMIN -> caller.admin();
            case ADMIN_OR_OWNER -> caller.admin() || caller.owns(ownerProject);
        };
    }

    /** Throws Nova's 403 policy error unless the rule allows the caller. */
    public void check(Caller caller, String ownerProject) {
        if (!allows(caller, ownerProject)) {
            throw ComputeError.POLICY.exception(rule);
        }
    }

    public void check(Caller caller) {
        check(caller, caller.projectId());
    }

    public String rule() {
        return rule;
    }
}
