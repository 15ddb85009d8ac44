-- Image locations (Glance's show_multiple_locations): the first location is images.location/store_name, which
-- reads use and only compare-and-swap updates change; its metadata (JSON object) is images.location_metadata.
-- Further locations of the same data, in order, are image_locations rows.
ALTER TABLE images ADD COLUMN location_metadata VARCHAR(65535);

CREATE TABLE image_locations (
    image_id   VARCHAR(36)    NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    position   INTEGER        NOT NULL,
    url        VARCHAR(2048)  NOT NULL,
    store_name VARCHAR(32)    NOT NULL,
    metadata   VARCHAR(65535) NOT NULL,
    PRIMARY KEY (image_id, position)
);
