package io.nubo.blockstorage.web;

/**
 * Every access rule of the block storage API in one table, named as Cinder's policy names them
 * ({@code cinder/policies/*.py}) with Cinder's defaults: most volume actions are {@code admin_or_owner}; types,
 * quotas of other projects, services and admin actions are {@code admin_api}. A resource of another project is
 * answered 404 by the services before a rule is consulted (Cinder does not reveal it); these rules decide the rest.
 */
public enum Policy {
    VOLUME_CREATE("volume:create", Rule.ANY),
    VOLUME_GET("volume:get", Rule.ADMIN_OR_OWNER),
    VOLUME_GET_ALL("volume:get_all", Rule.ANY),
    VOLUME_UPDATE("volume:update", Rule.ADMIN_OR_OWNER),
    VOLUME_DELETE("volume:delete", Rule.ADMIN_OR_OWNER),
    VOLUME_EXTEND("volume:extend", Rule.ADMIN_OR_OWNER),
    VOLUME_METADATA("volume:update_volume_metadata", Rule.ADMIN_OR_OWNER),
    VOLUME_ATTACH("volume:attach", Rule.ADMIN_OR_OWNER),
    VOLUME_DETACH("volume:detach", Rule.ADMIN_OR_OWNER),
    VOLUME_READONLY("volume:update_readonly_flag", Rule.ADMIN_OR_OWNER),
    VOLUME_BOOTABLE("volume:update_volume_bootable", Rule.ADMIN_OR_OWNER),
    VOLUME_UPLOAD_IMAGE("volume_extension:volume_actions:upload_image", Rule.ADMIN_OR_OWNER),
    VOLUME_ALL_TENANTS("volume:get_all_tenants", Rule.ADMIN),
    VOLUME_HOST_ATTRIBUTE("volume_extension:volume_host_attribute", Rule.ADMIN),
    SNAPSHOT_CREATE("volume:create_snapshot", Rule.ADMIN_OR_OWNER),
    SNAPSHOT_GET("volume:get_snapshot", Rule.ADMIN_OR_OWNER),
    SNAPSHOT_UPDATE("volume:update_snapshot", Rule.ADMIN_OR_OWNER),
    SNAPSHOT_DELETE("volume:delete_snapshot", Rule.ADMIN_OR_OWNER),
    TYPE_MANAGE("volume_extension:types_manage", Rule.ADMIN),
    TYPE_EXTRA_SPECS_READ("volume_extension:types_extra_specs:index", Rule.ANY),
    TYPE_GET("volume_extension:type_get", Rule.ANY),
    QUOTA_SHOW("volume_extension:quotas:show", Rule.ADMIN_OR_OWNER),
    QUOTA_UPDATE("volume_extension:quotas:update", Rule.ADMIN),
    SERVICES_LIST("volume_extension:services:index", Rule.ADMIN);

    /** Cinder's base rules. */
    enum Rule { ANY, ADMIN_OR_OWNER, ADMIN }

    private final String name;
    private final Rule rule;

    Policy(String name, Rule rule) {
        this.name = name;
        this.rule = rule;
    }

    public String ruleName() {
        return name;
    }

    /** Whether the caller passes a rule that concerns no one resource (admin-only attributes, for one). */
    public boolean allows(Caller c) {
        return allows(c, null);
    }

    boolean allows(Caller c, String owner) {
        return switch (rule) {
            case ANY -> true;
            case ADMIN -> c.admin();
            case ADMIN_OR_OWNER -> c.admin() || owner == null || c.owns(owner);
        };
    }
}
