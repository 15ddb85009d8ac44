-- issue 13, microversion 3.38: a group's replication status (Cinder's groups.replication_status), 'disabled' when it
-- is made; enable/disable/failover_replication change it, and the group views show it from 3.38.
ALTER TABLE volume_groups ADD COLUMN replication_status VARCHAR(36) DEFAULT 'disabled' NOT NULL;
