package io.nubo.image.image;

import io.nubo.image.web.Caller;
import io.nubo.image.web.ImageError;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Glance's JSON-Patch dialects ({@code application/openstack-images-v2.1-json-patch} and the older v2.0 one):
 * a list of {@code add}, {@code replace} and {@code remove} operations on top-level paths such as {@code /name} or {@code /os_distro}.
 */
public final class ImagePatch {

    public static final String MEDIA_TYPE = "application/openstack-images-v2.1-json-patch";
    public static final String MEDIA_TYPE_V20 = "application/openstack-images-v2.0-json-patch";

    private ImagePatch() {
    }

    /**
     * One checked operation. {@code index} is set only for a path into the locations list ({@code /locations/-},
     * {@code /locations/1}); {@link ImageLocations} applies every operation whose attribute is {@code locations}.
     */
    public record Operation(String op, String attribute, String index, JsonNode value) {

        public boolean onLocations() {
            return attribute.equals(ImageLocations.ATTRIBUTE);
        }

        void applyTo(ImageEntity image, Caller caller) {
            switch (op) {
                case "add" -> ImageAttributes.set(image, attribute, value, caller);
                case "replace" -> {
                    ImageAttributes.checkWritable(attribute);
                    if (!ImageAttributes.has(image, attribute)) {
                        throw ImageError.CONFLICT.exception("Property " + attribute + " does not exist.");
                    }
                    ImageAttributes.set(image, attribute, value, caller);
                }
                default -> ImageAttributes.remove(image, attribute);
            }
        }
    }

    public static List<Operation> parse(JsonNode body) {
        if (body == null || !body.isArray()) {
            throw ImageError.BAD_REQUEST.exception("Request body must be a JSON array of operation objects.");
        }
        List<Operation> ops = new ArrayList<>();
        for (JsonNode o : body) {
            if (!o.isObject()) {
                throw ImageError.BAD_REQUEST.exception("Operations must be JSON objects.");
            }
            // v2.1 (RFC 6902 style): {"op": "replace", "path": "/name", "value": ...};
            // v2.0 (Glance's older dialect, which Tempest sends): {"replace": "/name", "value": ...}
            JsonNode op = o.get("op");
            JsonNode path = o.get("path");
            if (op == null) {
                for (String name : List.of("add", "replace", "remove")) {
                    if (o.has(name)) {
                        op = JsonNodeFactory.instance.stringNode(name);
                        path = o.get(name);
                    }
                }
            }
            if (op == null || !op.isString() || !List.of("add", "replace", "remove").contains(op.stringValue())) {
                throw ImageError.BAD_REQUEST.exception("Operation objects must contain exactly one member named "
                        + "\"add\", \"remove\", or \"replace\".");
            }
            if (path == null || !path.isString()) {
                throw ImageError.BAD_REQUEST.exception("Unable to find 'path' element in operation.");
            }
            String attribute = attribute(path.stringValue());
            String index = null;
            if (attribute.startsWith(ImageLocations.ATTRIBUTE + "/")) {
                index = attribute.substring(ImageLocations.ATTRIBUTE.length() + 1);
                attribute = ImageLocations.ATTRIBUTE;
            }
            boolean remove = op.stringValue().equals("remove");
            if (!remove && !o.has("value")) {
                throw ImageError.BAD_REQUEST.exception("Operation \"" + op.stringValue() + "\" requires a member named \"value\".");
            }
            ops.add(new Operation(op.stringValue(), attribute, index, remove ? null : o.get("value")));
        }
        return ops;
    }

    private static String attribute(String path) {
        if (!path.startsWith("/") || path.length() < 2) {
            throw ImageError.BAD_REQUEST.exception("Pointer `" + path + "` does not start with \"/\".");
        }
        String a = path.substring(1).replace("~1", "/").replace("~0", "~");
        if (path.substring(1).contains("/")) {
            if (path.startsWith("/" + ImageLocations.ATTRIBUTE + "/")
                    && path.indexOf('/', ImageLocations.ATTRIBUTE.length() + 2) < 0) {
                return path.substring(1);
            }
            throw ImageError.BAD_REQUEST.exception("Nested paths are not allowed: " + path);
        }
        return a;
    }
}
