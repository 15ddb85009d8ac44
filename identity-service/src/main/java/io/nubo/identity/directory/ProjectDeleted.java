package io.nubo.identity.directory;

/**
 * Published in-process, inside the deleting transaction, just before a project row goes: features that own rows
 * about the project (role grants on it) delete theirs.
 */
public record ProjectDeleted(String projectId) {
}
