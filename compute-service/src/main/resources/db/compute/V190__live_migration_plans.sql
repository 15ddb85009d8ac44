-- A live migration runs in two steps: the destination's agent prepares (pre_live_migration), then the source's
-- agent moves the guest. What the second step needs from the request is kept here until then (Nova carries it in
-- migrate_data). One row per live migration, by the migration's uuid; rows of other migration types have none.
CREATE TABLE live_migration_plans (
    migration_uuid  VARCHAR(36) PRIMARY KEY,
    block_migration BOOLEAN     NOT NULL
);
