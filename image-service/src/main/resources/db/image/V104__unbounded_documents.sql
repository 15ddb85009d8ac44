-- Issue 18: documents a client sends whole (location metadata, metadef objects and properties) are bounded by the
-- request body limit (nubo.validation.max-body-bytes, 1 MiB), not by a schema field: their columns hold that much.
ALTER TABLE images ALTER COLUMN location_metadata SET DATA TYPE VARCHAR(1048576);
ALTER TABLE image_locations ALTER COLUMN metadata SET DATA TYPE VARCHAR(1048576);
ALTER TABLE metadef_items ALTER COLUMN document SET DATA TYPE VARCHAR(1048576);
