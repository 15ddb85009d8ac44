-- OS-DCF:diskConfig as asked at create, rebuild or update (AUTO or MANUAL). The agent always grows the root disk to
-- the flavor's size; like Nova's libvirt driver with an image whose file system it cannot extend, it grows no file
-- system, and the server keeps saying what was asked.
ALTER TABLE instances ADD COLUMN disk_config VARCHAR(8) DEFAULT 'MANUAL' NOT NULL;
