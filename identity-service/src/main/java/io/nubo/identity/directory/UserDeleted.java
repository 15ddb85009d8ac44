package io.nubo.identity.directory;

/**
 * Published in-process, inside the deleting transaction, just before a user row goes: features that own rows
 * about the user (credentials, application credentials) delete theirs.
 */
public record UserDeleted(String userId) {
}
