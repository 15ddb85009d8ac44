package io.nubo.objectstore.object;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One segment of a static large object as stored: {@code /container/object}, its ETag and size. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SloSegment(@JsonProperty("name") String name, @JsonProperty("hash") String hash,
                         @JsonProperty("bytes") long bytes, @JsonProperty("content_type") String contentType,
                         @JsonProperty("last_modified") String lastModified) {
}
