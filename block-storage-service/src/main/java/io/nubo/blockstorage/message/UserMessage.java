package io.nubo.blockstorage.message;

/**
 * Cinder's message fields ({@code cinder/message/message_field.py}): the action that failed and the detail of why,
 * each a three-digit id with its text; the event id is {@code VOLUME_<resource>_<action>_<detail>} and the user
 * message {@code "<action>:<detail>"}. Only the pairs this service raises are here.
 */
public final class UserMessage {

    public static final String RESOURCE_VOLUME = "VOLUME";

    private UserMessage() {
    }

    public enum Action {
        SCHEDULE_ALLOCATE_VOLUME("001", "schedule allocate volume"),
        COPY_VOLUME_TO_IMAGE("003", "copy volume to image"),
        COPY_IMAGE_TO_VOLUME("005", "copy image to volume"),
        EXTEND_VOLUME("007", "extend volume");

        private final String id;
        private final String text;

        Action(String id, String text) {
            this.id = id;
            this.text = text;
        }

        public String id() { return id; }
        public String text() { return text; }
    }

    public enum Detail {
        UNKNOWN_ERROR("001", "An unknown error occurred."),
        NO_BACKEND_AVAILABLE("003", "Could not find any available weighted backend."),
        FAILED_TO_UPLOAD_VOLUME("004", "Failed to upload volume to image at backend."),
        NOT_ENOUGH_SPACE_FOR_IMAGE("007", "Image used for creating volume exceeds available space."),
        DRIVER_FAILED_EXTEND("010", "Volume Driver failed to extend volume.");

        private final String id;
        private final String text;

        Detail(String id, String text) {
            this.id = id;
            this.text = text;
        }

        public String id() { return id; }
        public String text() { return text; }
    }

    static String eventId(String resourceType, Action action, Detail detail) {
        return "VOLUME_" + resourceType + "_" + action.id() + "_" + detail.id();
    }

    /** Cinder's {@code _build_user_message}: the texts of the stored ids ("unknown action" for one not known). */
    static String text(String actionId, String detailId) {
        String action = "unknown action";
        for (Action a : Action.values()) {
            if (a.id().equals(actionId)) {
                action = a.text();
            }
        }
        String detail = Detail.UNKNOWN_ERROR.text();
        for (Detail d : Detail.values()) {
            if (d.id().equals(detailId)) {
                detail = d.text();
            }
        }
        return action + ":" + detail;
    }
}
