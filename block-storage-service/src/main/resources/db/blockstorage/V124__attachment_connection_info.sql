-- issue 13, microversion 3.27: the v3 attachments API keeps what the backend answered for the attachment's connector
-- (Cinder's volume_attachment.connection_info, JSON), shown by GET /attachments/{id}.
ALTER TABLE volume_attachments ADD COLUMN connection_info VARCHAR(8192);
