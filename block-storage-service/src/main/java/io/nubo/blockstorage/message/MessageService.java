package io.nubo.blockstorage.message;

import io.nubo.blockstorage.error.VolumeError;
import io.nubo.blockstorage.request.Caller;
import io.nubo.blockstorage.request.Policy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * User messages: recorded by the work that failed (a volume nobody's backend can take, an image that could not be
 * copied, an extend or upload the backend refused), listed and deleted by the project that owns the resource (an
 * administrator sees every project's, as Cinder's {@code project_only="yes"}). Kept 30 days, Cinder's default
 * {@code message_ttl}; an expired one is neither listed nor shown.
 */
@Service
public class MessageService {

    static final Duration TTL = Duration.ofDays(30);

    private final MessageRepository messages;
    private final Clock clock;

    public MessageService(MessageRepository messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    /** Records that {@code action} on volume {@code volumeId} of {@code projectId} failed for {@code detail}. */
    @Transactional
    public MessageEntity record(String projectId, String volumeId, UserMessage.Action action,
                                UserMessage.Detail detail) {
        var now = clock.instant();
        return messages.save(new MessageEntity(UUID.randomUUID().toString(), projectId, "req-" + UUID.randomUUID(),
                volumeId, action, detail, now, now.plus(TTL)));
    }

    @Transactional(readOnly = true)
    public List<MessageEntity> list(Caller caller) {
        caller.require(Policy.MESSAGE_GET_ALL);
        var now = clock.instant();
        return caller.admin() ? messages.findByGuaranteedUntilAfter(now)
                : messages.findByProjectIdAndGuaranteedUntilAfter(caller.projectId(), now);
    }

    @Transactional(readOnly = true)
    public MessageEntity visible(Caller caller, String id, Policy rule) {
        MessageEntity m = messages.findById(id).filter(x -> x.getGuaranteedUntil().isAfter(clock.instant()))
                .filter(x -> caller.admin() || caller.owns(x.getProjectId()))
                .orElseThrow(() -> VolumeError.MESSAGE_NOT_FOUND.exception(id));
        caller.require(rule, m.getProjectId());
        return m;
    }

    @Transactional
    public void delete(Caller caller, String id) {
        messages.delete(visible(caller, id, Policy.MESSAGE_DELETE));
    }
}
