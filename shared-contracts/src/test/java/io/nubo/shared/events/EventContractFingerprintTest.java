package io.nubo.shared.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * Pins every event record's schema (component names and types) to its declared version, as Nova pins its
 * notification payloads: changing a record without bumping {@code @EventContract.version} fails here.
 * After a deliberate, compatible (additive) change: bump the minor version and update event-fingerprints.txt.
 */
class EventContractFingerprintTest {

    @Test
    void everyEventRecordMatchesItsPinnedFingerprint() throws Exception {
        Map<String, String> actual = new TreeMap<>();
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(EventContract.class));
        for (var bd : scanner.findCandidateComponents("io.nubo.shared.events")) {
            Class<?> type = Class.forName(bd.getBeanClassName());
            assertThat(type.isRecord()).as(type + " must be a record").isTrue();
            assertThat(NuboEvent.class.isAssignableFrom(type)).as(type + " must implement NuboEvent").isTrue();
            EventContract c = type.getAnnotation(EventContract.class);
            actual.put(c.type(), c.version() + " " + fingerprint(type));
        }
        assertThat(actual).isNotEmpty().isEqualTo(pinned());
    }

    static String fingerprint(Class<?> record) throws NoSuchAlgorithmException {
        String schema = java.util.Arrays.stream(record.getRecordComponents())
                .map(EventContractFingerprintTest::describe)
                .collect(Collectors.joining(","));
        byte[] d = MessageDigest.getInstance("SHA-256").digest(schema.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d).substring(0, 16);
    }

    private static String describe(RecordComponent c) {
        var json = c.getAccessor().getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
        return (json != null ? json.value() : c.getName()) + ":" + c.getGenericType().getTypeName()
                + nested(c.getGenericType());
    }

    /**
     * The shape of the contract's own nested types (records such as {@code FlavorSpec}, enums such as
     * {@code PowerState}), so that changing one changes the fingerprint of every event that carries it. Types
     * outside shared-contracts (String, Instant, Map) add nothing.
     */
    private static String nested(java.lang.reflect.Type type) {
        if (type instanceof java.lang.reflect.ParameterizedType p) {
            return java.util.Arrays.stream(p.getActualTypeArguments()).map(EventContractFingerprintTest::nested)
                    .collect(Collectors.joining());
        }
        if (!(type instanceof Class<?> k) || !k.getName().startsWith("io.nubo.shared.")) {
            return "";
        }
        if (k.isEnum()) {
            return java.util.Arrays.stream(k.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining("|", "{", "}"));
        }
        if (k.isRecord()) {
            return java.util.Arrays.stream(k.getRecordComponents()).map(EventContractFingerprintTest::describe)
                    .collect(Collectors.joining(",", "{", "}"));
        }
        return "";
    }

    private static Map<String, String> pinned() throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (InputStream in = EventContractFingerprintTest.class.getResourceAsStream("/event-fingerprints.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] p = line.split("\\s+");
                m.put(p[0], p[1] + " " + p[2]);
            }
        }
        return m;
    }
}
