package io.nubo.identity.access;

/**
 * How much of the directory a caller may read, after Keystone's default reader policies: everything (an
 * administrator, or a reader with a system-scoped token), or one domain (a reader with a token scoped to it).
 */
public sealed interface ReadScope {

    /** True when the caller may read things that live in this domain. */
    boolean covers(String domainId);

    record All() implements ReadScope {
        @Override
        public boolean covers(String domainId) {
            return true;
        }
    }

    record Domain(String domainId) implements ReadScope {
        @Override
        public boolean covers(String other) {
            return domainId.equals(other);
        }
    }
}
