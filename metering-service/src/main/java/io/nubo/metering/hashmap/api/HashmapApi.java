package io.nubo.metering.hashmap.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The hashmap module's wire shapes (cloudkitty/rating/hash/datamodels); costs and levels as decimal strings. */
public final class HashmapApi {

    private HashmapApi() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Service(@JsonProperty("service_id") String serviceId, @JsonProperty("name") String name) {
    }

    public record Services(List<Service> services) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Field(@JsonProperty("field_id") String fieldId, @JsonProperty("name") String name,
                        @JsonProperty("service_id") String serviceId) {
    }

    public record Fields(List<Field> fields) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Group(@JsonProperty("group_id") String groupId, @JsonProperty("name") String name) {
    }

    public record Groups(List<Group> groups) {
    }

    /** A mapping; requests send {@code cost} as a number or a string, responses carry it as a string. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Mapping(@JsonProperty("mapping_id") String mappingId, @JsonProperty("value") String value,
                          @JsonProperty("type") String type, @JsonProperty("cost") String cost,
                          @JsonProperty("service_id") String serviceId, @JsonProperty("field_id") String fieldId,
                          @JsonProperty("group_id") String groupId, @JsonProperty("tenant_id") String tenantId) {
    }

    public record Mappings(List<Mapping> mappings) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Threshold(@JsonProperty("threshold_id") String thresholdId, @JsonProperty("level") String level,
                            @JsonProperty("type") String type, @JsonProperty("cost") String cost,
                            @JsonProperty("service_id") String serviceId, @JsonProperty("field_id") String fieldId,
                            @JsonProperty("group_id") String groupId, @JsonProperty("tenant_id") String tenantId) {
    }

    public record Thresholds(List<Threshold> thresholds) {
    }

    /** The id-in-body form the client's deletes use ({@code DELETE .../services/} with {@code {"service_id": ...}}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DeleteRequest(@JsonProperty("service_id") String serviceId, @JsonProperty("field_id") String fieldId,
                                @JsonProperty("group_id") String groupId, @JsonProperty("mapping_id") String mappingId,
                                @JsonProperty("threshold_id") String thresholdId,
                                @JsonProperty("recursive") Boolean recursive) {
    }
}
