package io.nubo.objectstore.listing;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders a listing. Each entry is an ordered map of Swift's fields ({@code name}, {@code hash}, {@code bytes},
 * ...) or, for a folded prefix, {@code {"subdir": "a/"}}.
 */
public final class ListingWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ListingWriter() {
    }

    public static Map<String, Object> subdir(String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subdir", name);
        return m;
    }

    /**
     * @param root    {@code account} or {@code container} (the XML root element)
     * @param element {@code container} or {@code object} (the XML item element)
     */
    public static byte[] render(ListingFormat format, String root, String rootName, String element,
                                List<Map<String, Object>> entries) {
        return switch (format) {
            case JSON -> JSON.writeValueAsBytes(entries);
            case XML -> xml(root, rootName, element, entries).getBytes(StandardCharsets.UTF_8);
            case PLAIN -> plain(entries).getBytes(StandardCharsets.UTF_8);
        };
    }

    private static String plain(List<Map<String, Object>> entries) {
        StringBuilder b = new StringBuilder();
        for (Map<String, Object> e : entries) {
            b.append(e.containsKey("subdir") ? e.get("subdir") : e.get("name")).append('\n');
        }
        return b.toString();
    }

    private static String xml(String root, String rootName, String element, List<Map<String, Object>> entries) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append('<').append(root).append(" name=\"").append(escape(rootName)).append("\">");
        for (Map<String, Object> e : entries) {
            if (e.containsKey("subdir")) {
                String s = escape(String.valueOf(e.get("subdir")));
                b.append("<subdir name=\"").append(s).append("\"><name>").append(s).append("</name></subdir>");
                continue;
            }
            b.append('<').append(element).append('>');
            e.forEach((k, v) -> b.append('<').append(k).append('>').append(escape(String.valueOf(v)))
                    .append("</").append(k).append('>'));
            b.append("</").append(element).append('>');
        }
        return b.append("</").append(root).append(">\n").toString();
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
