-- How other hosts reach a host for a live migration (HostStatus 1.1): its libvirtd as peers reach it, qemu's
-- inbound migration address, its agent's instances directory. Null for a host that takes no incoming migration.
ALTER TABLE compute_hosts ADD COLUMN migration_libvirt_uri VARCHAR(1024);
ALTER TABLE compute_hosts ADD COLUMN migration_uri VARCHAR(1024);
ALTER TABLE compute_hosts ADD COLUMN instances_dir VARCHAR(1024);
