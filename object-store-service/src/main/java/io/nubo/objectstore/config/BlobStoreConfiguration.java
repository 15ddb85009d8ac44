package io.nubo.objectstore.config;

import io.nubo.objectstore.storage.BlobStore;
import io.nubo.objectstore.storage.LocalFileBlobStore;
import io.nubo.objectstore.storage.RadosBlobStore;
import java.io.IOException;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Chooses the blob store driver by {@code nubo.object-store.backend}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ObjectStoreProperties.class)
@EnableScheduling
public class BlobStoreConfiguration {

    @Bean
    BlobStore blobStore(ObjectStoreProperties props,
                        @Value("${nubo.data-dir:${user.home}/.nubo/data}") String nuboDataDir) throws IOException {
        return switch (props.backend()) {
            case "local" -> new LocalFileBlobStore(props.dataDir() != null && !props.dataDir().isBlank()
                    ? Path.of(props.dataDir()) : Path.of(nuboDataDir, "objectstore"));
            case "rados" -> {
                ObjectStoreProperties.Rados r = props.rados();
                if (r.conf() == null || r.conf().isBlank()) {
                    throw new IllegalStateException("nubo.object-store.rados.conf (the cluster's ceph.conf) is "
                            + "required with nubo.object-store.backend=rados");
                }
                yield new RadosBlobStore(r.conf(), r.user(), r.pool(), r.stripeSize());
            }
            default -> throw new IllegalStateException("nubo.object-store.backend must be 'local' or 'rados'; was '"
                    + props.backend() + "'");
        };
    }
}
