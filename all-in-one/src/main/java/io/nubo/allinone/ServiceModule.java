package io.nubo.allinone;

import java.util.function.Supplier;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** One of the services the all-in-one starts: its gateway prefix, its port offset and its application. */
public enum ServiceModule {
    IDENTITY("identity", "identity", 1, io.nubo.identity.IdentityApplication::builder),
    IMAGE("image", "image", 2, io.nubo.image.ImageApplication::builder),
    OBJECT_STORE("object-store", "objectstore", 3, io.nubo.objectstore.ObjectStoreApplication::builder),
    BLOCK_STORAGE("volume", "blockstorage", 4, io.nubo.blockstorage.BlockStorageApplication::builder),
    NETWORK("network", "network", 5, io.nubo.network.NetworkApplication::builder),
    COMPUTE("compute", "compute", 6, io.nubo.compute.ComputeApplication::builder),
    METERING("rating", "metering", 7, io.nubo.metering.MeteringApplication::builder);

    private final String prefix;
    private final String database;
    private final int portOffset;
    private final Supplier<SpringApplicationBuilder> builder;

    ServiceModule(String prefix, String database, int portOffset, Supplier<SpringApplicationBuilder> builder) {
        this.prefix = prefix;
        this.database = database;
        this.portOffset = portOffset;
        this.builder = builder;
    }

    public String prefix() {
        return prefix;
    }

    /** The PostgreSQL database name, {@code nubo_<name>}. */
    public String database() {
        return "nubo_" + database;
    }

    public int port(LaunchOptions o) {
        return o.portBase() + portOffset;
    }

    public SpringApplicationBuilder builder() {
        return builder.get();
    }
}
