package io.nubo.blockstorage.volume.backup;

import io.nubo.blockstorage.config.BlockStorageProperties;
import io.nubo.shared.security.ServiceUserSession;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The object store as block storage's backup target, through its Swift API as the service's own user: a Keystone
 * password token scoped to the service project and that project's object-store endpoint from the catalog, renewed a
 * minute before it expires or after a 401. Backups live in that account, so a user cannot delete a backup's objects
 * behind the service's back (Cinder's default {@code backup_swift_auth=single_user}).
 */
public class SwiftBackupStore {

    private final BlockStorageProperties.Backup settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ServiceUserSession session;

    public SwiftBackupStore(BlockStorageProperties.Backup settings) {
        this.settings = settings;
        this.session = new ServiceUserSession(http, new ServiceUserSession.Credentials(settings.identityUrl(),
                settings.user(), settings.password(), settings.domain(), settings.project(), settings.domain()));
    }

    public String container() {
        return settings.container();
    }

    public int chunkSize() {
        return settings.chunkSize();
    }

    /** Creates the container if it is not there (PUT is idempotent in Swift). */
    public void ensureContainer(String container) throws IOException {
        send("PUT", container, HttpRequest.BodyPublishers.noBody(), 201, 202);
    }

    public void put(String container, String name, byte[] data) throws IOException {
        send("PUT", container + "/" + encode(name), HttpRequest.BodyPublishers.ofByteArray(data), 201);
    }

    public byte[] get(String container, String name) throws IOException {
        return send("GET", container + "/" + encode(name), HttpRequest.BodyPublishers.noBody(), 200);
    }

    /** Deletes the object; one that is gone already counts as deleted. */
    public void delete(String container, String name) throws IOException {
        send("DELETE", container + "/" + encode(name), HttpRequest.BodyPublishers.noBody(), 204, 404);
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    }

    private byte[] send(String method, String path, HttpRequest.BodyPublisher body, int... ok) throws IOException {
        for (int attempt = 0; ; attempt++) {
            ServiceUserSession.Token t = session.current();
            String storageUrl = t.endpoint("object-store", settings.endpointInterface(), null).orElseThrow(
                    () -> new IOException("no " + settings.endpointInterface() + " object-store endpoint in the catalog"));
            HttpResponse<byte[]> r;
            try {
                r = http.send(HttpRequest.newBuilder(URI.create(storageUrl + "/" + path))
                        .timeout(Duration.ofMinutes(5)).header("X-Auth-Token", t.id()).method(method, body).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted: " + method + " " + path, e);
            }
            if (r.statusCode() == 401 && attempt == 0) {
                session.forget();
                continue;
            }
            for (int code : ok) {
                if (r.statusCode() == code) {
                    return r.body();
                }
            }
            throw new IOException("the object store answered " + r.statusCode() + " to " + method + " " + path);
        }
    }
}
