package io.nubo.objectstore.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nubo.objectstore.error.SwiftError;
import io.nubo.objectstore.error.SwiftException;
import io.nubo.objectstore.swift.QueryParams;
import org.junit.jupiter.api.Test;

class ListingQueryTest {

    private static ListingQuery of(String query) {
        return ListingQuery.of(QueryParams.parse(query));
    }

    @Test
    void readsEveryParameterAndTreatsEmptyAsAbsent() {
        assertThat(of("prefix=a%2F&delimiter=/&marker=a/b&end_marker=a/z&limit=5&reverse=on"))
                .isEqualTo(new ListingQuery("a/", "/", "a/b", "a/z", 5, true));
        assertThat(of("prefix=&marker=&limit=")).isEqualTo(new ListingQuery(null, null, null, null,
                ListingQuery.MAX_LIMIT, false));
        assertThat(of(null).limit()).isEqualTo(ListingQuery.MAX_LIMIT);
        assertThat(of("reverse=no").reverse()).isFalse();
        assertThat(of("reverse=1").reverse()).isTrue();
    }

    @Test
    void badLimitsAndDelimitersAre412AsSwiftAnswers() {
        for (String bad : new String[] {"limit=-1", "limit=x", "limit=10001", "delimiter=ab"}) {
            assertThatThrownBy(() -> of(bad)).as(bad).isInstanceOfSatisfying(SwiftException.class,
                    e -> assertThat(e.error()).isEqualTo(SwiftError.OS_007_PRECONDITION_FAILED));
        }
    }
}
