package io.nubo.blockstorage.message;

import io.nubo.blockstorage.request.Views;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.blockstorage.config.BlockStorageProperties;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Paging;
import io.nubo.blockstorage.request.Policy;
import io.nubo.blockstorage.request.ResourceFilters;
import io.nubo.shared.api.Link;
import io.nubo.shared.microversion.ApiVersion;
import io.nubo.shared.microversion.Microversions;
import io.nubo.shared.validation.ValidatedQuery;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cinder's {@code /messages} (microversion 3.3): list, show, delete; filters {@code event_id}, {@code resource_type},
 * {@code resource_uuid}, {@code message_level}, {@code request_id}; from 3.5 the list pages and sorts as the other
 * lists do ({@code limit}, {@code marker}, {@code offset}, {@code sort}), with a {@code messages_links} next link.
 */
@RestController
@RequestMapping("/v3/{projectId}/messages")
@Microversions(min = MessageController.MESSAGES)
public class MessageController {

    static final String MESSAGES = "3.3";
    static final String MESSAGES_PAGING = "3.5";
    private static final List<String> FILTERS = List.of("event_id", "resource_type", "resource_uuid",
            "message_level", "request_id");

    @SuppressWarnings("rawtypes")
    private static final Map<String, Function<MessageEntity, Comparable>> SORT_KEYS = Map.of(
            "created_at", MessageEntity::getCreatedAt, "id", MessageEntity::getId,
            "event_id", MessageEntity::getEventId, "resource_type", MessageEntity::getResourceType,
            "resource_uuid", m -> m.getResourceUuid() == null ? "" : m.getResourceUuid(),
            "message_level", MessageEntity::getMessageLevel, "request_id", MessageEntity::getRequestId,
            "guaranteed_until", MessageEntity::getGuaranteedUntil);
    private static final Paging<MessageEntity> PAGING = new Paging<>(SORT_KEYS, MessageEntity::getId, "created_at");

    public record MessageView(String id, @JsonProperty("event_id") String eventId,
                              @JsonProperty("user_message") String userMessage,
                              @JsonProperty("message_level") String messageLevel,
                              @JsonProperty("resource_type") String resourceType,
                              @JsonProperty("resource_uuid") String resourceUuid,
                              @JsonProperty("created_at") String createdAt,
                              @JsonProperty("guaranteed_until") String guaranteedUntil,
                              @JsonProperty("request_id") String requestId, List<Link> links) {
    }

    public record One(MessageView message) {
    }

    public record Many(List<MessageView> messages,
                       @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("messages_links") List<Link> links) {
    }

    private final MessageService messages;
    private final int maxLimit;
    private final ResourceFilters filters;

    public MessageController(MessageService messages, BlockStorageProperties properties, ResourceFilters filters) {
        this.filters = filters;
        this.messages = messages;
        this.maxLimit = properties.defaultListLimit();
    }

    @GetMapping
    @ValidatedQuery("block-storage/list-query.json")
    public Many list(Caller caller, @RequestParam Map<String, String> params, ApiVersion version) {
        // from 3.31 and 3.34 the general filtering of ResourceFilters (like filters on the same fields)
        ResourceFilters.Filters given = filters.of("message", params, caller, version);
        List<MessageEntity> matching = messages.list(caller).stream()
                .filter(m -> FILTERS.stream().allMatch(f -> given.matches(f, field(m, f))))
                .toList();
        if (!version.atLeast(MESSAGES_PAGING)) {
            // before 3.5 every message, newest first, whatever paging parameters were sent
            return new Many(PAGING.page(matching, Map.of(), Integer.MAX_VALUE, "").items().stream()
                    .map(MessageController::view).toList(), null);
        }
        Paging.Page<MessageEntity> page = PAGING.page(matching, params, maxLimit, "Marker %s could not be found.");
        return new Many(page.items().stream().map(MessageController::view).toList(), page.links());
    }

    @GetMapping("/{id}")
    public One show(Caller caller, @PathVariable String id) {
        return new One(view(messages.visible(caller, id, Policy.MESSAGE_GET)));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        messages.delete(caller, id);
        return ResponseEntity.noContent().build();
    }

    private static String field(MessageEntity m, String name) {
        return switch (name) {
            case "event_id" -> m.getEventId();
            case "resource_type" -> m.getResourceType();
            case "resource_uuid" -> m.getResourceUuid();
            case "message_level" -> m.getMessageLevel();
            default -> m.getRequestId();
        };
    }

    static MessageView view(MessageEntity m) {
        String path = "/v3/" + m.getProjectId() + "/messages/" + m.getId();
        return new MessageView(m.getId(), m.getEventId(), UserMessage.text(m.getActionId(), m.getDetailId()),
                m.getMessageLevel(), m.getResourceType(), m.getResourceUuid(), Views.time(m.getCreatedAt()),
                Views.time(m.getGuaranteedUntil()), m.getRequestId(),
                Views.links(path));
    }
}
