-- A resize's two flavors as the instance had them (Nova's instance_extra old_flavor / new_flavor): the revert puts the
-- old one back even when that flavor was deleted meanwhile. One row per migration of type resize.
CREATE TABLE migration_flavors (
    migration_id BIGINT PRIMARY KEY,
    old_flavor   TEXT NOT NULL,
    new_flavor   TEXT NOT NULL
);
