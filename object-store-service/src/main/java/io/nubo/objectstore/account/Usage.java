package io.nubo.objectstore.account;

/** Object count and bytes of an account or a container. */
public record Usage(long objects, long bytes) {

    public static final Usage NONE = new Usage(0, 0);

    public static Usage of(java.util.List<Object[]> rows) {
        if (rows.isEmpty()) {
            return NONE;
        }
        Object[] r = rows.get(0);
        return new Usage(((Number) r[0]).longValue(), ((Number) r[1]).longValue());
    }
}
