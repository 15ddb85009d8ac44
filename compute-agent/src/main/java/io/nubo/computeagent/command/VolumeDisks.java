package io.nubo.computeagent.command;

import io.nubo.computeagent.domain.DiskDevice;
import io.nubo.computeagent.domain.DomainDefinition;
import io.nubo.shared.events.compute.VolumeConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A volume's disk from how Cinder says to reach it ({@code os-initialize_connection}): {@code file} (a path),
 * {@code iscsi} (qemu's own initiator: portal, iqn, lun) or {@code rbd} (monitors, pool/image, cephx user and the
 * uuid of a libvirt secret holding the key). The volume id goes in {@code <serial>}, as Nova does, which is how
 * detach finds the disk again.
 */
final class VolumeDisks {

    private VolumeDisks() {
    }

    static DiskDevice disk(String volumeId, VolumeConnection connection, String targetDev) {
        if (connection == null || connection.driverVolumeType() == null) {
            throw new IllegalArgumentException("volume " + volumeId + " has no connection information");
        }
        Map<String, String> d = connection.data() == null ? Map.of() : connection.data();
        DiskDevice.DiskSource source;
        String format = d.getOrDefault("format", "raw");
        switch (connection.driverVolumeType().toLowerCase(Locale.ROOT)) {
            case "file":
            case "local":
                source = new DiskDevice.FileSource(required(d, "device_path", volumeId));
                format = d.getOrDefault("format", "raw");
                break;
            case "iscsi": {
                String portal = required(d, "target_portal", volumeId);
                int colon = portal.lastIndexOf(':');
                String lun = d.getOrDefault("target_lun", "0");
                source = new DiskDevice.NetworkSource("iscsi", required(d, "target_iqn", volumeId) + "/" + lun,
                        List.of(new DiskDevice.Host(colon > 0 ? portal.substring(0, colon) : portal,
                                colon > 0 ? portal.substring(colon + 1) : "3260")), null);
                break;
            }
            case "rbd": {
                List<DiskDevice.Host> hosts = new ArrayList<>();
                String[] names = d.getOrDefault("hosts", "").split(",");
                String[] ports = d.getOrDefault("ports", "").split(",");
                for (int i = 0; i < names.length; i++) {
                    if (!names[i].isBlank()) {
                        hosts.add(new DiskDevice.Host(names[i].trim(), i < ports.length && !ports[i].isBlank()
                                ? ports[i].trim() : null));
                    }
                }
                DiskDevice.Auth auth = d.get("secret_uuid") == null ? null
                        : new DiskDevice.Auth(d.getOrDefault("auth_username", "admin"), "ceph", d.get("secret_uuid"));
                source = new DiskDevice.NetworkSource("rbd", required(d, "name", volumeId), hosts, auth);
                break;
            }
            default:
                throw new IllegalArgumentException("volume " + volumeId + ": connection type "
                        + connection.driverVolumeType() + " is not supported (file, iscsi, rbd)");
        }
        return new DiskDevice(DiskDevice.Kind.DISK, format, "none", source, targetDev, "virtio", false, volumeId);
    }

    /** {@code /dev/vdb} to {@code vdb}; null or blank: the first virtio name the guest does not use. */
    static String target(String deviceName, DomainDefinition current) {
        if (deviceName != null && !deviceName.isBlank()) {
            String dev = deviceName.startsWith("/dev/") ? deviceName.substring(5) : deviceName;
            if (!dev.matches("[a-z]{2,3}[a-z]")) {
                throw new IllegalArgumentException("device name " + deviceName + " is not valid (e.g. /dev/vdb)");
            }
            return dev;
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
