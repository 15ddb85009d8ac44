package io.nubo.network.tag;

import io.nubo.network.common.Caller;
import java.util.List;
import java.util.Set;

/**
 * A collection whose resources carry tags ({@code standard-attr-tag}). Each feature that owns one implements this,
 * applying its own read (404) and update (403) policy, so the tags API needs no feature.
 */
public interface Taggable {

    /** The collection name in the URL, e.g. {@code networks}. */
    String collection();

    /** The resource's tags; 404 when the caller may not see it. */
    List<String> tags(Caller caller, String id);

    /** Replaces the resource's tags; returns them sorted. */
    List<String> replaceTags(Caller caller, String id, Set<String> tags);
}
