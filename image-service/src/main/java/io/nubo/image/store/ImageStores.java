package io.nubo.image.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The configured stores by id, the default one first; and the staging area of interoperable import. */
public class ImageStores implements AutoCloseable {

    private final Map<String, ImageStore> stores = new LinkedHashMap<>();
    private final ImageStore defaultStore;
    private final ImageStore staging;
    private final HttpImageStore http;

    public ImageStores(List<ImageStore> stores, String defaultId, ImageStore staging) {
        this(stores, defaultId, staging, null);
    }

    /** With {@code http}: the read-only store of image locations on allowed web servers (not listed as a store). */
    public ImageStores(List<ImageStore> stores, String defaultId, ImageStore staging, HttpImageStore http) {
        this.http = http;
        for (ImageStore s : stores) {
            this.stores.put(s.id(), s);
        }
        this.defaultStore = this.stores.get(defaultId);
        if (defaultStore == null) {
            throw new IllegalStateException("nubo.image.default-store '" + defaultId + "' is not one of the configured"
                    + " stores " + this.stores.keySet());
        }
        this.staging = staging;
    }

    public ImageStore defaultStore() {
        return defaultStore;
    }

    public ImageStore staging() {
        return staging;
    }

    /** The store that holds data written by the store named {@code id}, or null if it is no longer configured. */
    public ImageStore byId(String id) {
        if (http != null && HttpImageStore.ID.equals(id)) {
            return http;
        }
        return stores.get(id);
    }

    /** The read-only http store for image locations, or null when image locations are not offered. */
    public HttpImageStore http() {
        return http;
    }

    public List<ImageStore> all() {
        return List.copyOf(stores.values());
    }

    /** Releases the stores that hold connections (the rbd store's cluster handle); Spring calls it on shutdown. */
    @Override
    public void close() {
        for (ImageStore s : stores.values()) {
            if (s instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    org.slf4j.LoggerFactory.getLogger(ImageStores.class).warn("Could not close store {}: {}", s.id(),
                            e.toString());
                }
            }
        }
    }
}
