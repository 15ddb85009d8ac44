package io.nubo.image.imports;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.image.image.ImageRenderer;
import java.util.List;
import java.util.Map;

/** An import task on the wire ({@code GET /v2/images/{id}/tasks}). */
public record TaskBody(String id, String type, String status, Map<String, Object> input, Map<String, Object> result,
                       String owner, String message, @JsonProperty("image_id") String imageId,
                       @JsonProperty("request_id") String requestId, @JsonProperty("user_id") String userId,
                       @JsonProperty("expires_at") String expiresAt, @JsonProperty("created_at") String createdAt,
                       @JsonProperty("updated_at") String updatedAt, String self, String schema) {

    static TaskBody of(TaskEntity t) {
        Map<String, Object> input = Map.of("image_id", t.getImageId(),
                "import_req", Map.of("method", Map.of("name", t.getMethod())));
        return new TaskBody(t.getId(), t.getType(), t.getStatus(), input, null, t.getOwner(), t.getMessage(),
                t.getImageId(), t.getRequestId(), t.getUserId(), null, ImageRenderer.time(t.getCreatedAt()),
                ImageRenderer.time(t.getUpdatedAt()), "/v2/tasks/" + t.getId(), "/v2/schemas/task");
    }

    public record TaskList(List<TaskBody> tasks) {
    }
}
