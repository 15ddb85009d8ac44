-- Which instance holds the work lease: an instance that starts again under the same identity (same host and port)
-- knows that the uploads and imports it held before were cut short, and queues them again at once instead of
-- waiting for their leases to run out.
ALTER TABLE images ADD COLUMN work_lease_holder VARCHAR(255);
