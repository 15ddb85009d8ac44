package io.nubo.blockstorage.request;

import io.nubo.shared.policy.PolicyRule;
import io.nubo.shared.policy.PolicyTable;
import java.util.ArrayList;
import java.util.List;

/**
 * Every access rule of the block storage API, named and defaulted as Cinder's ({@code cinder/policies/*.py}): most
 * volume actions are {@code admin_or_owner}; types, quotas of other projects, services and admin attributes are
 * {@code admin_api}. {@link #TABLE} is the shared {@link PolicyTable} built from these constants, and the shared
 * {@code PolicyEnforcer} evaluates it ({@link Caller#require}). A resource of another project is answered 404 by
 * the services before a rule is consulted (Cinder does not reveal it); these rules decide the rest.
 */
public enum Policy {
    VOLUME_CREATE("volume:create", "@", "Create a volume.", "POST /v3/{project_id}/volumes"),
    VOLUME_GET("volume:get", "rule:admin_or_owner", "Show a volume.", "GET /v3/{project_id}/volumes/{id}"),
    VOLUME_GET_ALL("volume:get_all", "@", "List the project's volumes.", "GET /v3/{project_id}/volumes"),
    VOLUME_UPDATE("volume:update", "rule:admin_or_owner", "Update a volume.", "PUT /v3/{project_id}/volumes/{id}"),
    VOLUME_DELETE("volume:delete", "rule:admin_or_owner", "Delete a volume.",
            "DELETE /v3/{project_id}/volumes/{id}"),
    VOLUME_EXTEND("volume:extend", "rule:admin_or_owner", "Extend a volume.", "POST .../action os-extend"),
    VOLUME_REVERT("volume:revert_to_snapshot", "rule:admin_or_owner",
            "Revert a volume to its latest snapshot (3.40).", "POST .../action revert"),
    VOLUME_METADATA("volume:update_volume_metadata", "rule:admin_or_owner", "Change a volume's metadata.",
            "POST|PUT|DELETE /v3/{project_id}/volumes/{id}/metadata"),
    VOLUME_ATTACH("volume:attach", "rule:admin_or_owner", "Reserve, attach, connect a volume.",
            "POST .../action os-reserve, os-unreserve, os-attach, os-initialize_connection"),
    VOLUME_DETACH("volume:detach", "rule:admin_or_owner", "Detach and disconnect a volume.",
            "POST .../action os-begin_detaching, os-roll_detaching, os-detach, os-terminate_connection"),
    ATTACHMENT_CREATE("volume:attachment_create", "@", "Create an attachment (3.27).",
            "POST /v3/{project_id}/attachments"),
    ATTACHMENT_UPDATE("volume:attachment_update", "rule:admin_or_owner", "Give an attachment its connector (3.27).",
            "PUT /v3/{project_id}/attachments/{id}"),
    ATTACHMENT_DELETE("volume:attachment_delete", "rule:admin_or_owner", "Delete an attachment (3.27).",
            "DELETE /v3/{project_id}/attachments/{id}"),
    VOLUME_READONLY("volume:update_readonly_flag", "rule:admin_or_owner", "Set a volume's readonly flag.",
            "POST .../action os-update_readonly_flag"),
    VOLUME_BOOTABLE("volume:update_volume_bootable", "rule:admin_or_owner", "Set a volume's bootable flag.",
            "POST .../action os-set_bootable"),
    VOLUME_UPLOAD_IMAGE("volume_extension:volume_actions:upload_image", "rule:admin_or_owner",
            "Upload a volume to an image.", "POST .../action os-volume_upload_image"),
    VOLUME_UPLOAD_PUBLIC("volume_extension:volume_actions:upload_public", "rule:admin_api",
            "Upload a volume to a public image (microversion 3.1).",
            "POST .../action os-volume_upload_image with visibility public"),
    VOLUME_IMAGE_METADATA("volume_extension:volume_image_metadata:set", "rule:admin_or_owner",
            "Set, unset or show a volume's image metadata.",
            "POST .../action os-set_image_metadata, os-unset_image_metadata, os-show_image_metadata"),
    VOLUME_ALL_TENANTS("volume:get_all_tenants", "rule:admin_api", "List the volumes of every project.",
            "GET /v3/{project_id}/volumes?all_tenants=1"),
    VOLUME_HOST_ATTRIBUTE("volume_extension:volume_host_attribute", "rule:admin_api",
            "See os-vol-host-attr:host.", "GET /v3/{project_id}/volumes/{id}"),
    SNAPSHOT_CREATE("volume:create_snapshot", "rule:admin_or_owner", "Snapshot a volume.",
            "POST /v3/{project_id}/snapshots"),
    SNAPSHOT_GET("volume:get_snapshot", "rule:admin_or_owner", "Show a snapshot.",
            "GET /v3/{project_id}/snapshots/{id}"),
    SNAPSHOT_UPDATE("volume:update_snapshot", "rule:admin_or_owner", "Update a snapshot or its metadata.",
            "PUT /v3/{project_id}/snapshots/{id}"),
    SNAPSHOT_DELETE("volume:delete_snapshot", "rule:admin_or_owner", "Delete a snapshot.",
            "DELETE /v3/{project_id}/snapshots/{id}"),
    TYPE_MANAGE("volume_extension:types_manage", "rule:admin_api", "Create, update, delete types and specs.",
            "POST|PUT|DELETE /v3/{project_id}/types"),
    TYPE_EXTRA_SPECS_READ("volume_extension:types_extra_specs:index", "@", "List a type's extra specs.",
            "GET /v3/{project_id}/types/{id}/extra_specs"),
    QUOTA_SHOW("volume_extension:quotas:show", "rule:admin_or_owner", "Show a project's quotas.",
            "GET /v3/{project_id}/os-quota-sets/{target}"),
    QUOTA_UPDATE("volume_extension:quotas:update", "rule:admin_api", "Set or reset a project's quotas.",
            "PUT|DELETE /v3/{project_id}/os-quota-sets/{target}"),
    SERVICES_LIST("volume_extension:services:index", "rule:admin_api", "List the services.",
            "GET /v3/{project_id}/os-services"),
    SERVICES_UPDATE("volume_extension:services:update", "rule:admin_api",
            "Enable, disable, freeze or thaw a service.", "PUT /v3/{project_id}/os-services/{action}"),
    VOLUME_RESET_STATUS("volume_extension:volume_admin_actions:reset_status", "rule:admin_api",
            "Reset a volume's status.", "POST .../action os-reset_status"),
    VOLUME_FORCE_DELETE("volume_extension:volume_admin_actions:force_delete", "rule:admin_api",
            "Delete a volume whatever its status.", "POST .../action os-force_delete"),
    VOLUME_FORCE_DETACH("volume_extension:volume_admin_actions:force_detach", "rule:admin_api",
            "End a volume's attachment whatever its status.", "POST .../action os-force_detach"),
    VOLUME_RETYPE("volume:retype", "rule:admin_or_owner", "Change a volume's type.", "POST .../action os-retype"),
    SNAPSHOT_RESET_STATUS("volume_extension:snapshot_admin_actions:reset_status", "rule:admin_api",
            "Reset a snapshot's status.", "POST /v3/{project_id}/snapshots/{id}/action os-reset_status"),
    SNAPSHOT_FORCE_DELETE("volume_extension:snapshot_admin_actions:force_delete", "rule:admin_api",
            "Delete a snapshot whatever its status.", "POST /v3/{project_id}/snapshots/{id}/action os-force_delete"),
    SNAPSHOT_UPDATE_STATUS("snapshot_extension:snapshot_actions:update_snapshot_status", "rule:admin_or_owner",
            "Report a snapshot's status and progress.",
            "POST /v3/{project_id}/snapshots/{id}/action os-update_snapshot_status"),
    TYPE_ACCESS_LIST("volume_extension:volume_type_access", "rule:admin_api",
            "List the projects that may use a private type.", "GET /v3/{project_id}/types/{id}/os-volume-type-access"),
    TYPE_ACCESS_MANAGE("volume_extension:volume_type_access:addProjectAccess", "rule:admin_api",
            "Grant or revoke a project's access to a private type.",
            "POST /v3/{project_id}/types/{id}/action addProjectAccess, removeProjectAccess"),
    TRANSFER_CREATE("volume:create_transfer", "rule:admin_or_owner", "Offer a volume to another project.",
            "POST /v3/{project_id}/os-volume-transfer"),
    TRANSFER_GET("volume:get_transfer", "rule:admin_or_owner", "Show or list transfers.",
            "GET /v3/{project_id}/os-volume-transfer"),
    TRANSFER_ACCEPT("volume:accept_transfer", "@", "Accept a transfer with its auth_key.",
            "POST /v3/{project_id}/os-volume-transfer/{id}/accept"),
    TRANSFER_DELETE("volume:delete_transfer", "rule:admin_or_owner", "Cancel a transfer.",
            "DELETE /v3/{project_id}/os-volume-transfer/{id}"),
    HOSTS("volume_extension:hosts", "rule:admin_api", "List the volume hosts and their usage.",
            "GET /v3/{project_id}/os-hosts"),
    POOLS("scheduler_extension:scheduler_stats:get_pools", "rule:admin_api", "List the backends' pools.",
            "GET /v3/{project_id}/scheduler-stats/get_pools"),
    CAPABILITIES("volume_extension:capabilities", "rule:admin_api", "Show a backend's capabilities.",
            "GET /v3/{project_id}/capabilities/{host}"),
    QUOTA_CLASSES("volume_extension:quota_classes", "rule:admin_api", "Show or set the default quota class.",
            "GET|PUT /v3/{project_id}/os-quota-class-sets/{class}"),
    QOS_MANAGE("volume_extension:qos_specs_manage:create", "rule:admin_api",
            "Create, show, update, delete and associate QoS specs.", "/v3/{project_id}/qos-specs"),
    VOLUME_MANAGE("volume_extension:volume_manage", "rule:admin_api", "Manage an existing backend volume (3.8).",
            "POST /v3/{project_id}/manageable_volumes"),
    VOLUME_LIST_MANAGEABLE("volume_extension:list_manageable", "rule:admin_api",
            "List the backend volumes that could be managed (3.8).", "GET /v3/{project_id}/manageable_volumes"),
    SNAPSHOT_MANAGE("snapshot_extension:snapshot_manage", "rule:admin_api",
            "Manage an existing backend snapshot (3.8).", "POST /v3/{project_id}/manageable_snapshots"),
    SNAPSHOT_LIST_MANAGEABLE("snapshot_extension:list_manageable", "rule:admin_api",
            "List the backend snapshots that could be managed (3.8).", "GET /v3/{project_id}/manageable_snapshots"),
    GROUP_TYPE_MANAGE("group:group_types:create", "rule:admin_api",
            "Create, update and delete group types, and see the private ones (3.11).",
            "POST|PUT|DELETE /v3/{project_id}/group_types"),
    GROUP_TYPE_SPECS("group:group_types_specs", "rule:admin_api", "List, set and delete a group type's specs (3.11).",
            "/v3/{project_id}/group_types/{id}/group_specs"),
    GROUP_TYPE_SPECS_SHOW("group:access_group_types_specs", "rule:admin_api",
            "See group_specs in a group type (3.11).", "GET /v3/{project_id}/group_types/{id}"),
    GROUP_CREATE("group:create", "@", "Create a generic volume group (3.13).", "POST /v3/{project_id}/groups"),
    GROUP_GET("group:get", "rule:admin_or_owner", "Show a generic volume group (3.13).",
            "GET /v3/{project_id}/groups/{id}"),
    GROUP_GET_ALL("group:get_all", "rule:admin_or_owner", "List generic volume groups (3.13).",
            "GET /v3/{project_id}/groups, /groups/detail"),
    GROUP_UPDATE("group:update", "rule:admin_or_owner", "Rename a group, add and remove its volumes (3.13).",
            "PUT /v3/{project_id}/groups/{id}"),
    GROUP_DELETE("group:delete", "rule:admin_or_owner", "Delete a group, with its volumes if asked (3.13).",
            "POST /v3/{project_id}/groups/{id}/action delete"),
    GROUP_ENABLE_REPLICATION("group:enable_replication", "rule:admin_or_owner",
            "Enable replication of a group (3.38).", "POST /v3/{project_id}/groups/{id}/action enable_replication"),
    GROUP_DISABLE_REPLICATION("group:disable_replication", "rule:admin_or_owner",
            "Disable replication of a group (3.38).", "POST /v3/{project_id}/groups/{id}/action disable_replication"),
    GROUP_FAILOVER_REPLICATION("group:failover_replication", "rule:admin_or_owner",
            "Fail a group's replication over (3.38).",
            "POST /v3/{project_id}/groups/{id}/action failover_replication"),
    GROUP_LIST_REPLICATION("group:list_replication_targets", "rule:admin_or_owner",
            "List a group's replication targets (3.38).",
            "POST /v3/{project_id}/groups/{id}/action list_replication_targets"),
    GROUP_SNAPSHOT_CREATE("group:create_group_snapshot", "@", "Snapshot every volume of a group (3.14).",
            "POST /v3/{project_id}/group_snapshots"),
    GROUP_SNAPSHOT_GET("group:get_group_snapshot", "rule:admin_or_owner", "Show a group snapshot (3.14).",
            "GET /v3/{project_id}/group_snapshots/{id}"),
    GROUP_SNAPSHOT_GET_ALL("group:get_all_group_snapshots", "rule:admin_or_owner", "List group snapshots (3.14).",
            "GET /v3/{project_id}/group_snapshots, /group_snapshots/detail"),
    GROUP_SNAPSHOT_RESET_STATUS("group:reset_group_snapshot_status", "rule:admin_api",
            "Reset the status of a group snapshot (3.19).",
            "POST /v3/{project_id}/group_snapshots/{id}/action reset_status"),
    GROUP_RESET_STATUS("group:reset_status", "rule:admin_api", "Reset the status of a group (3.20).",
            "POST /v3/{project_id}/groups/{id}/action reset_status"),
    GROUP_SNAPSHOT_DELETE("group:delete_group_snapshot", "rule:admin_or_owner",
            "Delete a group snapshot with its snapshots (3.14).", "DELETE /v3/{project_id}/group_snapshots/{id}"),
    MESSAGE_GET_ALL("message:get_all", "rule:admin_or_owner", "List the project's user messages (3.3).",
            "GET /v3/{project_id}/messages"),
    MESSAGE_GET("message:get", "rule:admin_or_owner", "Show a user message (3.3).",
            "GET /v3/{project_id}/messages/{id}"),
    MESSAGE_DELETE("message:delete", "rule:admin_or_owner", "Delete a user message (3.3).",
            "DELETE /v3/{project_id}/messages/{id}"),
    WORKERS_CLEANUP("workers:cleanup", "rule:admin_api", "Clean up the ongoing operations of failed services (3.24).",
            "POST /v3/{project_id}/workers/cleanup"),
    CLUSTERS_GET_ALL("clusters:get_all", "rule:admin_api", "List the clusters (3.7).",
            "GET /v3/{project_id}/clusters"),
    CLUSTERS_GET("clusters:get", "rule:admin_api", "Show a cluster (3.7).",
            "GET /v3/{project_id}/clusters/{name}"),
    CLUSTERS_UPDATE("clusters:update", "rule:admin_api", "Enable or disable a cluster (3.7).",
            "PUT /v3/{project_id}/clusters/{enable|disable}"),
    BACKUP_CREATE("backup:create", "@", "Back a volume up to the object store.", "POST /v3/{project_id}/backups"),
    BACKUP_GET("backup:get", "rule:admin_or_owner", "Show or list backups.", "GET /v3/{project_id}/backups"),
    BACKUP_UPDATE("backup:update", "rule:admin_or_owner", "Rename or describe a backup (3.9).",
            "PUT /v3/{project_id}/backups/{id}"),
    BACKUP_PROJECT_ATTRIBUTE("backup:backup_project_attribute", "rule:admin_api",
            "See a backup's os-backup-project-attr:project_id (3.18).",
            "GET /v3/{project_id}/backups/{id}, GET /v3/{project_id}/backups/detail"),
    BACKUP_DELETE("backup:delete", "rule:admin_or_owner", "Delete a backup.",
            "DELETE /v3/{project_id}/backups/{id}"),
    BACKUP_RESTORE("backup:restore", "rule:admin_or_owner", "Restore a backup to a volume.",
            "POST /v3/{project_id}/backups/{id}/restore"),
    BACKUP_RESET_STATUS("volume_extension:backup_admin_actions:reset_status", "rule:admin_api",
            "Reset a backup's status.", "POST /v3/{project_id}/backups/{id}/action os-reset_status"),
    BACKUP_FORCE_DELETE("volume_extension:backup_admin_actions:force_delete", "rule:admin_api",
            "Delete a backup whatever its status.", "POST /v3/{project_id}/backups/{id}/action os-force_delete");

    public static final PolicyTable TABLE = table();

    private final String name;
    private final String checkString;
    private final String description;
    private final String operation;

    Policy(String name, String checkString, String description, String operation) {
        this.name = name;
        this.checkString = checkString;
        this.description = description;
        this.operation = operation;
    }

    public String ruleName() {
        return name;
    }

    private static PolicyTable table() {
        List<PolicyRule> rules = new ArrayList<>();
        rules.add(PolicyRule.base("admin_api", "role:admin", "An administrator."));
        rules.add(PolicyRule.base("admin_or_owner", "role:admin or project_id:%(project_id)s",
                "An administrator, or a member of the project that owns the resource."));
        for (Policy p : values()) {
            rules.add(PolicyRule.action(p.name, p.checkString, p.description, p.operation));
        }
        return new PolicyTable(rules);
    }
}
