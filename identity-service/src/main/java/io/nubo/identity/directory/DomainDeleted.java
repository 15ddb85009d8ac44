package io.nubo.identity.directory;

/** Published in-process, inside the deleting transaction, just before a domain row goes. */
public record DomainDeleted(String domainId) {
}
