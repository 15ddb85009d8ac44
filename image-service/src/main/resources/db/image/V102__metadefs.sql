-- Glance's metadata definitions catalog (metadefs): namespaces, and their objects, properties, tags and resource
-- type associations. Each item is kept as its JSON document; the catalog is small and read whole.
CREATE TABLE metadef_namespaces (
    namespace    VARCHAR(80)   PRIMARY KEY,
    display_name VARCHAR(80),
    description  VARCHAR(500),
    visibility   VARCHAR(16)   NOT NULL,
    protected    BOOLEAN       NOT NULL DEFAULT FALSE,
    owner        VARCHAR(255),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE metadef_items (
    namespace  VARCHAR(80)  NOT NULL REFERENCES metadef_namespaces (namespace) ON DELETE CASCADE,
    kind       VARCHAR(16)  NOT NULL,
    name       VARCHAR(255) NOT NULL,
    document   VARCHAR(65535) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (namespace, kind, name)
);
