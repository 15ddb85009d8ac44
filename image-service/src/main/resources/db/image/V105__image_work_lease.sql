-- Uploads and imports in flight are leased by the instance doing them: it renews the lease while it works, and any
-- instance queues an image again only once its lease has run out (the instance that held it died).
ALTER TABLE images ADD COLUMN work_lease_until TIMESTAMP WITH TIME ZONE;
