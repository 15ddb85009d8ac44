-- issue 13, microversion 3.3: Cinder's user messages (GET/DELETE /v3/{project}/messages). A message tells a project
-- why an asynchronous operation on one of its resources failed (event VOLUME_<resource>_<action>_<detail>); each is
-- kept until guaranteed_until (30 days, Cinder's message_ttl) and then no longer listed.
CREATE TABLE user_messages (
    id                VARCHAR(36)  PRIMARY KEY,
    project_id        VARCHAR(64)  NOT NULL,
    request_id        VARCHAR(64)  NOT NULL,
    resource_type     VARCHAR(36)  NOT NULL,
    resource_uuid     VARCHAR(36),
    event_id          VARCHAR(64)  NOT NULL,
    action_id         VARCHAR(10)  NOT NULL,
    detail_id         VARCHAR(10)  NOT NULL,
    message_level     VARCHAR(255) NOT NULL,
    created_at        TIMESTAMP    NOT NULL,
    guaranteed_until  TIMESTAMP    NOT NULL
);
CREATE INDEX user_messages_project ON user_messages (project_id);
