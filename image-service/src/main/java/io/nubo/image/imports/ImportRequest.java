package io.nubo.image.imports;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code POST /v2/images/{id}/import}'s body. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImportRequest(Method method, List<String> stores, @JsonProperty("all_stores") Boolean allStores,
                            @JsonProperty("all_stores_must_succeed") Boolean allStoresMustSucceed) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Method(String name, String uri) {
    }
}
