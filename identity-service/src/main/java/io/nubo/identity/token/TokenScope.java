package io.nubo.identity.token;

/** What a token is scoped to: nothing, a project, a domain, or the whole system. */
public sealed interface TokenScope {

    record Unscoped() implements TokenScope {
    }

    record Project(String projectId, String domainId) implements TokenScope {
    }

    record Domain(String domainId) implements TokenScope {
    }

    record System() implements TokenScope {
    }
}
