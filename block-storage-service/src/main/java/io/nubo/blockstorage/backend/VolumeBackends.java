package io.nubo.blockstorage.backend;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured backends by name ({@code file}, {@code rbd}, {@code iscsi}); a volume type's {@code volume_backend_name} picks one. */
public final class VolumeBackends implements AutoCloseable {

    private final Map<String, VolumeBackend> byName = new LinkedHashMap<>();
    private final String defaultName;

    public VolumeBackends(List<VolumeBackend> backends, String defaultName) {
        for (VolumeBackend b : backends) {
            byName.put(b.driver(), b);
        }
        if (!byName.containsKey(defaultName)) {
            throw new IllegalStateException("nubo.block-storage.default-backend is '" + defaultName
                    + "' but the configured backends are " + byName.keySet());
        }
        this.defaultName = defaultName;
    }

    public Optional<VolumeBackend> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The backend a volume was made on; it must still be configured. */
    public VolumeBackend get(String name) {
        VolumeBackend b = byName.get(name);
        if (b == null) {
            throw new IllegalStateException("backend " + name + " is not configured");
        }
        return b;
    }

    public String defaultName() {
        return defaultName;
    }

    public Collection<VolumeBackend> all() {
        return byName.values();
    }

    @Override
    public void close() throws IOException {
        for (VolumeBackend b : byName.values()) {
            b.close();
        }
    }
}
