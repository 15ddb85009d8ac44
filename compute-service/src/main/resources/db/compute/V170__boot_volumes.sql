-- Boot from volume: a server's block device mappings to volumes keep their boot index (0 for the root volume) and
-- whether the volume goes with the server (Nova's block_device_mapping.boot_index and delete_on_termination).
ALTER TABLE volume_attachments ADD COLUMN boot_index INT;
ALTER TABLE volume_attachments ADD COLUMN delete_on_termination BOOLEAN NOT NULL DEFAULT FALSE;
