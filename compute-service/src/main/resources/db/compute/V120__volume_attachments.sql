-- os-volume_attachments: the volumes attached to instances, as compute knows them (Nova's block device mappings
-- of source and destination type volume). Block storage keeps its own side; compute never reads its tables.
-- status: attaching (reserved in block storage, the agent plugging it), attached, detaching.
CREATE TABLE volume_attachments (
    volume_id   VARCHAR(64)              NOT NULL PRIMARY KEY,
    instance_id VARCHAR(36)              NOT NULL,
    device      VARCHAR(64)              NOT NULL,
    status      VARCHAR(16)              NOT NULL,
    action_id   VARCHAR(128),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE
);

CREATE INDEX volume_attachments_instance ON volume_attachments (instance_id);
