-- Glance v2 image records: the rest of an image's fields, its custom properties, tags, members and staged data.
ALTER TABLE images ADD COLUMN min_disk INTEGER NOT NULL DEFAULT 0;
ALTER TABLE images ADD COLUMN min_ram INTEGER NOT NULL DEFAULT 0;
ALTER TABLE images ADD COLUMN os_hidden BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE images ADD COLUMN virtual_size BIGINT;
-- where the bytes are: the store's name and its location (e.g. file:///.../image/store/<id>)
ALTER TABLE images ADD COLUMN store_name VARCHAR(32);
ALTER TABLE images ADD COLUMN location VARCHAR(1024);
ALTER TABLE images ADD COLUMN staged_location VARCHAR(1024);
ALTER TABLE images ADD COLUMN deleted_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX images_owner ON images (owner);
CREATE INDEX images_status ON images (status);

CREATE TABLE image_properties (
    image_id VARCHAR(36)   NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    name     VARCHAR(255)  NOT NULL,
    prop_value VARCHAR(65535),
    PRIMARY KEY (image_id, name)
);

CREATE TABLE image_tags (
    image_id VARCHAR(36)  NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    tag      VARCHAR(255) NOT NULL,
    PRIMARY KEY (image_id, tag)
);

CREATE TABLE image_members (
    image_id   VARCHAR(36)  NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    member_id  VARCHAR(255) NOT NULL,
    status     VARCHAR(16)  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (image_id, member_id)
);
CREATE INDEX image_members_member ON image_members (member_id);

-- Glance's image tasks (v2.12+): one row per import, so clients can follow it.
CREATE TABLE image_tasks (
    id         VARCHAR(36)  PRIMARY KEY,
    image_id   VARCHAR(36)  NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    type       VARCHAR(32)  NOT NULL,
    status     VARCHAR(16)  NOT NULL,
    method     VARCHAR(32)  NOT NULL,
    owner      VARCHAR(64),
    user_id    VARCHAR(64),
    request_id VARCHAR(64),
    message    VARCHAR(1024),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX image_tasks_image ON image_tasks (image_id);
