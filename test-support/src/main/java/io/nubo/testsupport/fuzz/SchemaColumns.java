package io.nubo.testsupport.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Walks request schemas against the columns their values are stored in, so that no valid request can overflow a
 * column. A schema names the column of a string with {@code "x-nubo-column": "table.column"} (of the items of an
 * array given by {@code $ref} with {@code "x-nubo-item-column"}); its limit ({@code maxLength}, or the longest
 * {@code enum} value) must exist and fit the column's size in the migrated database ({@code information_schema}).
 */
public final class SchemaColumns {

    private SchemaColumns() {
    }

    /** One problem per line: a string without a limit, a limit over its column, a column that does not exist. */
    public static List<String> problems(DataSource db, List<String> schemaNames) {
        JdbcTemplate jdbc = new JdbcTemplate(db);
        List<String> out = new ArrayList<>();
        for (String name : schemaNames) {
            walk(SchemaFiles.load(name), name, name, jdbc, out);
        }
        return out;
    }

    /** How many schema strings name a column (so a test can assert the walk found some). */
    public static int annotated(List<String> schemaNames) {
        int[] n = {0};
        for (String name : schemaNames) {
            count(SchemaFiles.load(name), n);
        }
        return n[0];
    }

    private static void count(JsonNode node, int[] n) {
        if (node.has("x-nubo-column") || node.has("x-nubo-item-column")) {
            n[0]++;
        }
        node.forEach(child -> {
            if (child.isObject() || child.isArray()) {
                count(child, n);
            }
        });
    }

    private static void walk(JsonNode node, String file, String where, JdbcTemplate jdbc, List<String> out) {
        if (node.has("x-nubo-column")) {
            check(node, file, where, node.get("x-nubo-column").asString(), jdbc, out);
        }
        if (node.has("x-nubo-item-column")) {
            JsonNode array = SchemaFiles.resolve(node, file).node();
            SchemaFiles.Resolved items = SchemaFiles.resolve(array.get("items"), SchemaFiles.resolve(node, file).file());
            check(items.node(), items.file(), where + "[]", node.get("x-nubo-item-column").asString(), jdbc, out);
        }
        for (String key : List.of("properties", "$defs")) {
            if (node.has(key)) {
                for (Map.Entry<String, JsonNode> p : node.get(key).properties()) {
                    walk(p.getValue(), file, where + "." + p.getKey(), jdbc, out);
                }
            }
        }
        for (String key : List.of("items", "propertyNames", "additionalProperties")) {
            if (node.has(key) && node.get(key).isObject()) {
                walk(node.get(key), file, where + "/" + key, jdbc, out);
            }
        }
        for (String key : List.of("anyOf", "oneOf", "allOf")) {
            if (node.has(key)) {
                node.get(key).forEach(branch -> walk(branch, file, where, jdbc, out));
            }
        }
    }

    private static void check(JsonNode node, String file, String where, String column, JdbcTemplate jdbc,
                              List<String> out) {
        String[] tc = column.split("\\.");
        List<Integer> size = jdbc.query("SELECT character_maximum_length FROM information_schema.columns"
                + " WHERE lower(table_name) = lower(?) AND lower(column_name) = lower(?)",
                (rs, i) -> (Integer) rs.getObject(1), tc[0], tc[1]);
        if (size.isEmpty()) {
            out.add(where + ": column " + column + " does not exist");
            return;
        }
        Integer limit = limit(node, file);
        if (size.get(0) == null) {
            return;
        }
        if (limit == null) {
            out.add(where + ": no maxLength, but " + column + " holds " + size.get(0) + " characters");
        } else if (limit > size.get(0)) {
            out.add(where + ": maxLength " + limit + " > " + column + " (" + size.get(0) + ")");
        }
    }

    /** The longest string the node accepts, or null when unbounded. */
    static Integer limit(JsonNode node, String file) {
        SchemaFiles.Resolved r = SchemaFiles.resolve(node, file);
        JsonNode s = r.node();
        if (s.has("enum")) {
            int max = 0;
            for (JsonNode v : s.get("enum")) {
                max = Math.max(max, v.isString() ? v.asString().length() : 0);
            }
            return max;
        }
        if (s.has("maxLength")) {
            return s.get("maxLength").asInt();
        }
        for (String key : List.of("anyOf", "oneOf")) {
            if (s.has(key)) {
                int max = 0;
                for (JsonNode branch : s.get(key)) {
                    SchemaFiles.Resolved b = SchemaFiles.resolve(branch, r.file());
                    if (acceptsStrings(b.node())) {
                        Integer l = limit(b.node(), b.file());
                        if (l == null) {
                            return null;
                        }
                        max = Math.max(max, l);
                    }
                }
                return max;
            }
        }
        return null;
    }

    private static boolean acceptsStrings(JsonNode s) {
        JsonNode t = s.get("type");
        if (t == null) {
            return !s.has("enum") || s.get("enum").toString().contains("\"");
        }
        return t.isArray() ? t.toString().contains("\"string\"") : t.asString().equals("string");
    }
}
