package io.nubo.image.store;

import org.junit.jupiter.api.AfterEach;

/**
 * The store contract against the Swift API. Today it runs against {@link SwiftApiStandIn}, with 1 MiB segments so
 * the contract's 3 MiB image is a static large object. Set {@code NUBO_TEST_SWIFT_AUTH_URL} (and
 * {@code NUBO_TEST_SWIFT_USER}, {@code _PASSWORD}, {@code _PROJECT}) to run it against a real object store instead:
 * Nubo's own once its Swift API is merged.
 */
class SwiftImageStoreTest extends ImageStoreContract {

    private SwiftApiStandIn standIn;
    private SwiftImageStore store;

    @Override
    protected ImageStore store() throws Exception {
        String url = System.getenv("NUBO_TEST_SWIFT_AUTH_URL");
        SwiftConnection.Credentials credentials;
        if (url == null || url.isBlank()) {
            standIn = new SwiftApiStandIn();
            credentials = new SwiftConnection.Credentials(standIn.authUrl(), "glance", "Default", "secret", "service",
                    "Default", "RegionOne", "public");
        } else {
            credentials = new SwiftConnection.Credentials(url, System.getenv("NUBO_TEST_SWIFT_USER"), "Default",
                    System.getenv("NUBO_TEST_SWIFT_PASSWORD"), System.getenv("NUBO_TEST_SWIFT_PROJECT"), "Default",
                    "RegionOne", "public");
        }
        store = new SwiftImageStore("swift", credentials, "nubo-images-test", 1024 * 1024);
        return store;
    }

    @Override
    protected boolean anythingStoredFor(String imageId) throws Exception {
        return store.anythingStoredFor(imageId);
    }

    @AfterEach
    void stop() {
        if (standIn != null) {
            standIn.close();
        }
    }
}
