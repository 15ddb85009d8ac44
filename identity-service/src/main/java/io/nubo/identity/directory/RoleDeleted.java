package io.nubo.identity.directory;

/**
 * Published in-process, inside the deleting transaction, just before a role row goes: the grants of the role and
 * its inference rules go with it, and the tokens of whoever held it are revoked.
 */
public record RoleDeleted(String roleId) {
}
