package io.nubo.computeagent.domain;

import java.util.Objects;

/**
 * {@code <secret>}: a libvirt secret that a network disk's {@code <auth>} names by uuid (an iSCSI CHAP password, a
 * cephx key). Always persistent and private: libvirt keeps the value and never hands it back through its API.
 *
 * @param usage   {@code iscsi} (the usage id is a {@code <target>}) or {@code ceph} (a {@code <name>})
 * @param usageId unique per usage type on the host
 */
public record SecretDefinition(String uuid, Usage usage, String usageId, String description) {

    public SecretDefinition {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(usageId, "usageId");
    }

    public enum Usage {
        ISCSI("iscsi", "target"), CEPH("ceph", "name");

        private final String xml;
        private final String idElement;

        Usage(String xml, String idElement) {
            this.xml = xml;
            this.idElement = idElement;
        }

        public String xml() {
            return xml;
        }

        /** The element under {@code <usage>} that holds the usage id. */
        public String idElement() {
            return idElement;
        }

        public static Usage of(String xml) {
            for (Usage u : values()) {
                if (u.xml.equals(xml)) {
                    return u;
                }
            }
            throw new IllegalArgumentException("not a secret usage Nubo defines: " + xml);
        }
    }
}
