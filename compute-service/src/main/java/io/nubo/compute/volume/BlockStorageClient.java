package io.nubo.compute.volume;

import io.nubo.compute.config.VolumeAttachProperties;
import io.nubo.compute.error.ComputeError;
import io.nubo.compute.wire.Caller;
import io.nubo.shared.events.compute.VolumeConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Block storage's Cinder v3 API as Nova's {@code nova/volume/cinder.py} uses it for attachments (the pre-3.27
 * flow: os-reserve, os-initialize_connection, os-attach; os-begin_detaching, os-terminate_connection, os-detach;
 * os-unreserve and os-roll_detaching to undo), always with the caller's own token, so block storage decides what
 * the caller may do with the volume.
 */
@Component
class BlockStorageClient {

    /** What compute needs of a volume ({@code bootable} as Cinder's "true"/"false" string says; true when absent). */
    record Volume(String id, String status, int size, String projectId, boolean bootable) {
    }

    /** What compute needs of a snapshot (to make a boot volume from it). */
    record Snapshot(String id, String status, int size) {
    }

    /** Nova's connector for a host (os-brick's get_connector_properties, for qemu's own iSCSI initiator). */
    record Connector(String host, String initiator, String ip) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient http;

    BlockStorageClient(VolumeAttachProperties props) {
        this.http = RestClient.builder().baseUrl(props.blockStorageUrl().replaceAll("/+$", "")).build();
    }

    Volume get(Caller caller, String volumeId) {
        try {
            String body = http.get().uri("/v3/{project}/volumes/{id}", caller.projectId(), volumeId)
                    .header("X-Auth-Token", caller.token()).accept(MediaType.APPLICATION_JSON).retrieve()
                    .body(String.class);
            JsonNode v = JSON.readTree(body).path("volume");
            return new Volume(v.path("id").asString(), v.path("status").asString(), v.path("size").asInt(),
                    v.path("os-vol-tenant-attr:tenant_id").asString(null),
                    !"false".equalsIgnoreCase(v.path("bootable").asString("true")));
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().value() == 404 || e.getStatusCode().value() == 400) {
                throw ComputeError.VOLUME_NOT_FOUND.exception(volumeId);
            }
            throw failure("look up volume " + volumeId, e);
        } catch (RestClientException e) {
            throw unreachable("look up volume " + volumeId);
        }
    }

    /** A volume snapshot; Nova's InvalidBDMSnapshot (400) when the caller cannot see it. */
    Snapshot snapshot(Caller caller, String snapshotId) {
        try {
            String body = http.get().uri("/v3/{project}/snapshots/{id}", caller.projectId(), snapshotId)
                    .header("X-Auth-Token", caller.token()).accept(MediaType.APPLICATION_JSON).retrieve()
                    .body(String.class);
            JsonNode v = JSON.readTree(body).path("snapshot");
            return new Snapshot(v.path("id").asString(), v.path("status").asString(), v.path("size").asInt());
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().value() == 404 || e.getStatusCode().value() == 400) {
                throw ComputeError.BAD_REQUEST.exception("Block Device Mapping is Invalid: failed to get snapshot "
                        + snapshotId + ".");
            }
            throw failure("look up snapshot " + snapshotId, e);
        } catch (RestClientException e) {
            throw unreachable("look up snapshot " + snapshotId);
        }
    }

    /**
     * Creates a volume as the caller (Nova's compute manager does so for source image, snapshot or blank), from
     * {@code imageId} or {@code snapshotId} or empty; answers at once with the volume still {@code creating}.
     */
    Volume create(Caller caller, Integer sizeGb, String imageId, String snapshotId, String name) {
        Map<String, Object> v = new LinkedHashMap<>();
        if (sizeGb != null) {
            v.put("size", sizeGb);
        }
        if (imageId != null) {
            v.put("imageRef", imageId);
        }
        if (snapshotId != null) {
            v.put("snapshot_id", snapshotId);
        }
        v.put("name", name);
        try {
            String body = http.post().uri("/v3/{project}/volumes", caller.projectId())
                    .header("X-Auth-Token", caller.token()).contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(Map.of("volume", v))).retrieve()
                    .body(String.class);
            JsonNode n = JSON.readTree(body).path("volume");
            return new Volume(n.path("id").asString(), n.path("status").asString(), n.path("size").asInt(),
                    caller.projectId(), !"false".equalsIgnoreCase(n.path("bootable").asString("true")));
        } catch (RestClientResponseException e) {
            throw ComputeError.INVALID_VOLUME.exception("block storage refused to create the volume ("
                    + e.getStatusCode().value() + ": " + message(e) + ")");
        } catch (RestClientException e) {
            throw unreachable("create a volume");
        }
    }

    /** Deletes a volume as the caller; one already gone counts as deleted. */
    void delete(Caller caller, String volumeId) {
        try {
            http.delete().uri("/v3/{project}/volumes/{id}", caller.projectId(), volumeId)
                    .header("X-Auth-Token", caller.token()).retrieve().toBodilessEntity();
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().value() != 404) {
                throw failure("delete volume " + volumeId, e);
            }
        } catch (RestClientException e) {
            throw unreachable("delete volume " + volumeId);
        }
    }

    void reserve(Caller caller, String volumeId) {
        action(caller, volumeId, "os-reserve", Map.of());
    }

    void unreserve(Caller caller, String volumeId) {
        action(caller, volumeId, "os-unreserve", Map.of());
    }

    VolumeConnection initializeConnection(Caller caller, String volumeId, Connector connector) {
        JsonNode info = JSON.readTree(action(caller, volumeId, "os-initialize_connection",
                Map.of("connector", connector(connector)))).path("connection_info");
        Map<String, String> data = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : info.path("data").properties()) {
            data.put(e.getKey(), flat(e.getValue()));
        }
        data.values().removeIf(java.util.Objects::isNull);
        return new VolumeConnection(info.path("driver_volume_type").asString(null), data);
    }

    void terminateConnection(Caller caller, String volumeId, Connector connector) {
        action(caller, volumeId, "os-terminate_connection", Map.of("connector", connector(connector)));
    }

    void attach(Caller caller, String volumeId, String instanceId, String mountpoint, String hostName) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("instance_uuid", instanceId);
        args.put("mountpoint", mountpoint);
        args.put("mode", "rw");
        if (hostName != null) {
            args.put("host_name", hostName);
        }
        action(caller, volumeId, "os-attach", args);
    }

    void beginDetaching(Caller caller, String volumeId) {
        action(caller, volumeId, "os-begin_detaching", Map.of());
    }

    void rollDetaching(Caller caller, String volumeId) {
        action(caller, volumeId, "os-roll_detaching", Map.of());
    }

    void detach(Caller caller, String volumeId) {
        action(caller, volumeId, "os-detach", Map.of());
    }

    private static Map<String, Object> connector(Connector c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", c.host());
        m.put("initiator", c.initiator());
        if (c.ip() != null) {
            m.put("ip", c.ip());
        }
        m.put("platform", "x86_64");
        m.put("os_type", "linux");
        m.put("multipath", false);
        return m;
    }

    /** Cinder's data values as the command record carries them: lists (RBD monitors) joined by commas. */
    private static String flat(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isArray()) {
            StringJoiner j = new StringJoiner(",");
            v.forEach(x -> j.add(x.asString()));
            return j.toString();
        }
        return v.isValueNode() ? v.asString() : v.toString();
    }

    private String action(Caller caller, String volumeId, String name, Map<String, Object> args) {
        try {
            String body = http.post().uri("/v3/{project}/volumes/{id}/action", caller.projectId(), volumeId)
                    .header("X-Auth-Token", caller.token()).contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(Map.of(name, args))).retrieve()
                    .body(String.class);
            return body == null || body.isBlank() ? "{}" : body;
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().value() == 404) {
                throw ComputeError.VOLUME_NOT_FOUND.exception(volumeId);
            }
            if (e.getStatusCode().is4xxClientError()) {
                throw ComputeError.INVALID_VOLUME.exception(message(e));
            }
            throw failure(name + " of volume " + volumeId, e);
        } catch (RestClientException e) {
            throw unreachable(name + " of volume " + volumeId);
        }
    }

    /** The message of Cinder's fault body ({@code {"badRequest": {"code": 400, "message": ...}}}). */
    static String message(RestClientResponseException e) {
        try {
            JsonNode root = JSON.readTree(e.getResponseBodyAsString());
            for (Map.Entry<String, JsonNode> f : root.properties()) {
                if (f.getValue().has("message")) {
                    return f.getValue().path("message").asString();
                }
            }
        } catch (RuntimeException ignored) {
            // not a fault body: the status says enough
        }
        return HttpStatus.valueOf(e.getStatusCode().value()).getReasonPhrase();
    }

    private static RuntimeException failure(String what, RestClientResponseException e) {
        return ComputeError.VOLUME_SERVICE_UNAVAILABLE.exception("Block storage failed to " + what + " ("
                + e.getStatusCode().value() + ": " + message(e) + ").");
    }

    private static RuntimeException unreachable(String what) {
        return ComputeError.VOLUME_SERVICE_UNAVAILABLE.exception("The block storage service could not be reached"
                + " to " + what + "; try again.");
    }
}
