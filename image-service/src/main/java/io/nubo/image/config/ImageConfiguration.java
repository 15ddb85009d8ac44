package io.nubo.image.config;

import io.nubo.image.store.FileImageStore;
import io.nubo.image.store.HttpImageStore;
import io.nubo.image.store.ImageStore;
import io.nubo.image.store.RbdImageStore;
import io.nubo.image.store.SwiftConnection;
import io.nubo.image.store.SwiftImageStore;
import io.nubo.shared.outbound.GuardedHttpClient;
import io.nubo.shared.outbound.OutboundUrlGuard;
import org.apache.hc.core5.util.Timeout;
import java.util.ArrayList;
import io.nubo.image.store.ImageStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The image service's beans that are not components: the stores and the clock; scheduling for work leases. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImageServiceProperties.class)
@org.springframework.scheduling.annotation.EnableScheduling
public class ImageConfiguration {

    @Bean
    ImageStores imageStores(ImageServiceProperties properties, OutboundUrlGuard outbound,
                            @Value("${nubo.data-dir:${user.home}/.nubo/data}") String dataDir) throws IOException {
        Path root = properties.storeDirectory().isBlank() ? Path.of(dataDir, "image")
                : Path.of(properties.storeDirectory());
        FileImageStore staging = new FileImageStore("staging", root.resolve("staging"));
        List<ImageStore> stores = new ArrayList<>();
        for (String name : properties.fileStores()) {
            if (!name.matches("[a-z0-9][a-z0-9_-]{0,31}") || List.of("staging", HttpImageStore.ID, "swift", "rbd")
                    .contains(name) || stores.stream().anyMatch(s -> s.id().equals(name))) {
                throw new IllegalStateException("nubo.image.file-stores: '" + name + "' is not a valid, unique store"
                        + " name (lowercase letters, digits, - and _; not staging, http, swift or rbd)");
            }
            stores.add(new FileImageStore(name, root.resolve(name.equals("file") ? "store" : "store-" + name)));
        }
        ImageServiceProperties.Swift swift = properties.swift();
        if (swift.enabled()) {
            for (String[] required : new String[][] {{"auth-url", swift.authUrl()}, {"user", swift.user()},
                    {"password", swift.password()}, {"project", swift.project()}}) {
                if (required[1].isBlank()) {
                    throw new IllegalStateException("nubo.image.swift.enabled is true but nubo.image.swift."
                            + required[0] + " is not set");
                }
            }
            if (swift.segmentSize() < 1024 * 1024 || swift.segmentSize() > 5L * 1024 * 1024 * 1024) {
                throw new IllegalStateException("nubo.image.swift.segment-size must be between 1 MiB and 5 GiB");
            }
            stores.add(new SwiftImageStore("swift", new SwiftConnection.Credentials(swift.authUrl(), swift.user(),
                    swift.userDomain(), swift.password(), swift.project(), swift.projectDomain(), swift.region(),
                    swift.endpointInterface()), swift.container(), swift.segmentSize()));
        }
        ImageServiceProperties.Rbd rbd = properties.rbd();
        if (rbd.enabled()) {
            stores.add(rbdStore(rbd));
        }
        return new ImageStores(stores, properties.defaultStore(), staging, new HttpImageStore(new GuardedHttpClient(
                outbound, Timeout.ofSeconds(10), Timeout.ofMinutes(5))));
    }

    /** The rbd store, connected now: a wrong conf, user or pool stops the service at start with a clear message. */
    static RbdImageStore rbdStore(ImageServiceProperties.Rbd rbd) throws IOException {
        if (rbd.conf().isBlank()) {
            throw new IllegalStateException("nubo.image.rbd.enabled is true but nubo.image.rbd.conf (the path of"
                    + " ceph.conf) is not set");
        }
        if (!Files.isReadable(Path.of(rbd.conf()))) {
            throw new IllegalStateException("nubo.image.rbd.conf: " + rbd.conf() + " is not a readable file");
        }
        if (rbd.chunkSize() < 4096) {
            throw new IllegalStateException("nubo.image.rbd.chunk-size must be at least 4096 bytes");
        }
        return new RbdImageStore("rbd", rbd.conf(), rbd.user(), rbd.pool(), rbd.chunkSize());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
