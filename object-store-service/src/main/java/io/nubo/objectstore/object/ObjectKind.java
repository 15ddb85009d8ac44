package io.nubo.objectstore.object;

/** What an object's row stands for: its own bytes, a dynamic large object or a static large object manifest. */
public enum ObjectKind {
    PLAIN, DLO, SLO
}
