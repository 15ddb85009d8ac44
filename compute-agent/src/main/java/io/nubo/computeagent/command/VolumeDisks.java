package io.nubo.computeagent.command;

import io.nubo.computeagent.domain.DiskDevice;
import io.nubo.computeagent.domain.DomainDefinition;
import io.nubo.computeagent.domain.SecretDefinition;
import io.nubo.shared.events.compute.VolumeConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A volume's disk from how Cinder says to reach it ({@code os-initialize_connection}), as Nova's libvirt volume
 * drivers do: {@code file} (a qcow2 or raw file: {@code path} or {@code device_path}, and {@code format}),
 * {@code iscsi} (qemu's own initiator: portal, iqn, lun; CHAP credentials go into a libvirt secret of their own,
 * as Nova's {@code LibvirtISCSIVolumeDriver} with {@code <auth>} does) or {@code rbd} (monitors, pool/image, cephx
 * user and the uuid of the libvirt secret holding the key; when the connection carries the {@code keyring}, as
 * Cinder's RBD driver does with {@code rbd_keyring_conf}, the secret is defined from it). The volume id goes in
 * {@code <serial>}, as Nova does, which is how detach finds the disk again.
 */
public final class VolumeDisks {

    private static final Pattern KEYRING_KEY = Pattern.compile("(?m)^\\s*key\\s*=\\s*(\\S+)\\s*$");

    private VolumeDisks() {
    }

    /**
     * The disk, and the secret its {@code <auth>} names when the agent has to define that secret itself (null when
     * the disk needs none or it must already exist on the host).
     */
    public record VolumeDisk(DiskDevice disk, SecretDefinition secret, byte[] secretValue) {
    }

    static DiskDevice disk(String volumeId, VolumeConnection connection, String targetDev) {
        return plan(volumeId, connection, targetDev).disk();
    }

    public static VolumeDisk plan(String volumeId, VolumeConnection connection, String targetDev) {
        if (connection == null || connection.driverVolumeType() == null) {
            throw new IllegalArgumentException("volume " + volumeId + " has no connection information");
        }
        Map<String, String> d = connection.data() == null ? Map.of() : connection.data();
        boolean readOnly = "ro".equals(d.get("access_mode"));
        String type = connection.driverVolumeType().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "file", "local" -> {
                String path = d.containsKey("path") ? d.get("path") : required(d, "device_path", volumeId);
                yield new VolumeDisk(disk(d.getOrDefault("format", "raw"), new DiskDevice.FileSource(path),
                        targetDev, readOnly, volumeId), null, null);
            }
            case "iscsi" -> iscsi(volumeId, d, targetDev, readOnly);
            case "rbd" -> rbd(volumeId, d, targetDev, readOnly);
            default -> throw new IllegalArgumentException("volume " + volumeId + ": connection type "
                    + connection.driverVolumeType() + " is not supported (file, iscsi, rbd)");
        };
    }

    /**
     * Makes sure the secret the disk logs in with is there: defines it when the connection brought its value,
     * else it must exist on the host already (a clear fault otherwise). Returns the disk to plug.
     */
    public static DiskDevice withSecret(io.nubo.computeagent.hypervisor.Hypervisor hypervisor, String volumeId,
                                 VolumeDisk plan) {
        if (plan.secret() != null) {
            hypervisor.defineSecret(plan.secret(), plan.secretValue());
        } else if (plan.disk().source() instanceof DiskDevice.NetworkSource net && net.auth() != null
                && !hypervisor.hasSecret(net.auth().secretUuid())) {
            throw new IllegalArgumentException("volume " + volumeId + ": libvirt on this host has no secret "
                    + net.auth().secretUuid() + " for " + net.protocol() + " user " + net.auth().username()
                    + " (define it with virsh secret-define, or let block storage send the keyring)");
        }
        return plan.disk();
    }

    /** The libvirt secret Nubo defines for an iSCSI volume's CHAP password: one per volume, found again by id. */
    public static String chapSecretUuid(String volumeId) {
        return UUID.nameUUIDFromBytes(("nubo-iscsi-chap:" + volumeId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The secrets Nubo defined for the guest's iSCSI volumes: they go when the guest goes. */
    public static List<String> secretsOwnedBy(DomainDefinition domain) {
        List<String> out = new ArrayList<>();
        for (DiskDevice disk : domain.disks()) {
            if (disk.serial() != null && disk.source() instanceof DiskDevice.NetworkSource net && net.auth() != null
                    && chapSecretUuid(disk.serial()).equals(net.auth().secretUuid())) {
                out.add(net.auth().secretUuid());
            }
        }
        return out;
    }

    private static VolumeDisk iscsi(String volumeId, Map<String, String> d, String targetDev, boolean readOnly) {
        String portal = required(d, "target_portal", volumeId);
        int colon = portal.lastIndexOf(':');
        String lun = d.getOrDefault("target_lun", "0");
        DiskDevice.Auth auth = null;
        SecretDefinition secret = null;
        byte[] value = null;
        if ("CHAP".equalsIgnoreCase(d.get("auth_method"))) {
            String uuid = chapSecretUuid(volumeId);
            auth = new DiskDevice.Auth(required(d, "auth_username", volumeId), "iscsi", uuid);
            secret = new SecretDefinition(uuid, SecretDefinition.Usage.ISCSI, "nubo-volume-" + volumeId,
                    "CHAP secret of volume " + volumeId);
            value = required(d, "auth_password", volumeId).getBytes(StandardCharsets.UTF_8);
        }
        DiskDevice.NetworkSource source = new DiskDevice.NetworkSource("iscsi",
                required(d, "target_iqn", volumeId) + "/" + lun,
                List.of(new DiskDevice.Host(colon > 0 ? portal.substring(0, colon) : portal,
                        colon > 0 ? portal.substring(colon + 1) : "3260")), auth);
        return new VolumeDisk(disk("raw", source, targetDev, readOnly, volumeId), secret, value);
    }

    private static VolumeDisk rbd(String volumeId, Map<String, String> d, String targetDev, boolean readOnly) {
        List<DiskDevice.Host> hosts = new ArrayList<>();
        String[] names = d.getOrDefault("hosts", "").split(",");
        String[] ports = d.getOrDefault("ports", "").split(",");
        for (int i = 0; i < names.length; i++) {
            if (!names[i].isBlank()) {
                hosts.add(new DiskDevice.Host(names[i].trim(), i < ports.length && !ports[i].isBlank()
                        ? ports[i].trim() : null));
            }
        }
        DiskDevice.Auth auth = null;
        SecretDefinition secret = null;
        byte[] value = null;
        String uuid = d.get("secret_uuid");
        if (uuid != null && !uuid.isBlank()) {
            String user = d.getOrDefault("auth_username", "admin");
            auth = new DiskDevice.Auth(user, "ceph", uuid);
            String keyring = d.get("keyring");
            if (keyring != null && !keyring.isBlank()) {
                secret = cephSecret(auth);
                value = cephKey(keyring, "volume " + volumeId + ": the keyring in the connection data");
            }
        }
        DiskDevice.NetworkSource source = new DiskDevice.NetworkSource("rbd", required(d, "name", volumeId), hosts,
                auth);
        return new VolumeDisk(disk("raw", source, targetDev, readOnly, volumeId), secret, value);
    }

    /** The libvirt secret of a cephx login; the usage name is unique per host: with the uuid in it, none collide. */
    static SecretDefinition cephSecret(DiskDevice.Auth auth) {
        return new SecretDefinition(auth.secretUuid(), SecretDefinition.Usage.CEPH, "client." + auth.username()
                + " secret " + auth.secretUuid(), "cephx key of client." + auth.username());
    }

    /**
     * The key's bytes in a Ceph keyring ({@code key = <base64>}): libvirt keeps the bytes, as
     * {@code virsh secret-set-value --base64} does.
     */
    static byte[] cephKey(String keyring, String what) {
        Matcher m = KEYRING_KEY.matcher(keyring);
        if (!m.find()) {
            throw new IllegalArgumentException(what + " holds no 'key = ...' line");
        }
        try {
            return java.util.Base64.getDecoder().decode(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": the key is not base64");
        }
    }

    /**
     * Makes sure libvirt holds the host's cephx secret the RBD instance disks name ({@code images.rbd-secret-uuid}),
     * defining it from the user's keyring when it is missing, as an operator would with {@code virsh secret-define}.
     * The secret is the host's, not a guest's: deleting a guest leaves it.
     */
    static void ensureHostCephSecret(io.nubo.computeagent.hypervisor.Hypervisor hypervisor, DiskDevice.Auth auth,
                                     String keyring) {
        if (hypervisor.hasSecret(auth.secretUuid())) {
            return;
        }
        if (keyring == null) {
            throw new IllegalArgumentException("libvirt on this host has no secret " + auth.secretUuid()
                    + " for client." + auth.username() + " and the keyring ceph.conf names is not readable: define "
                    + "it with virsh secret-define and secret-set-value");
        }
        hypervisor.defineSecret(cephSecret(auth), cephKey(keyring, "the keyring of client." + auth.username()));
    }

    private static DiskDevice disk(String format, DiskDevice.DiskSource source, String targetDev, boolean readOnly,
                                   String volumeId) {
        return new DiskDevice(DiskDevice.Kind.DISK, format, "none", source, targetDev, "virtio", readOnly, volumeId);
    }

    /**
     * {@code /dev/vdb} to {@code vdb}, as a hint (Nova documents the device name as one): when the guest already
     * uses it, or none is given, the first virtio name the guest does not use.
     */
    static String target(String deviceName, DomainDefinition current) {
        if (deviceName != null && !deviceName.isBlank()) {
            String dev = deviceName.startsWith("/dev/") ? deviceName.substring(5) : deviceName;
            if (!dev.matches("[a-z]{2,3}[a-z]")) {
                throw new IllegalArgumentException("device name " + deviceName + " is not valid (e.g. /dev/vdb)");
            }
            if (current.disks().stream().noneMatch(disk -> dev.equals(disk.targetDev()))) {
                return dev;
            }
        }
        for (char c = 'b'; c <= 'z'; c++) {
            String dev = "vd" + c;
            if (current.disks().stream().noneMatch(disk -> dev.equals(disk.targetDev()))) {
                return dev;
            }
        }
        throw new IllegalArgumentException("the guest has no free virtio disk name left");
    }

    private static String required(Map<String, String> d, String key, String volumeId) {
        String v = d.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("volume " + volumeId + ": connection data has no " + key);
        }
        return v;
    }
}
