package io.nubo.identity.directory;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Keystone's tag filters on project lists: {@code tags}, {@code tags-any}, {@code not-tags}, {@code not-tags-any}. */
final class ProjectTagFilter {

    private ProjectTagFilter() {
    }

    static Predicate<ProjectEntity> of(Map<String, String> q) {
        List<String> all = split(q.get("tags"));
        List<String> any = split(q.get("tags-any"));
        List<String> notAll = split(q.get("not-tags"));
        List<String> notAny = split(q.get("not-tags-any"));
        return p -> (all == null || p.getTags().containsAll(all))
                && (any == null || any.stream().anyMatch(p.getTags()::contains))
                && (notAll == null || !p.getTags().containsAll(notAll))
                && (notAny == null || notAny.stream().noneMatch(p.getTags()::contains));
    }

    private static List<String> split(String csv) {
        return csv == null ? null : Arrays.stream(csv.split(",")).filter(s -> !s.isEmpty()).toList();
    }
}
