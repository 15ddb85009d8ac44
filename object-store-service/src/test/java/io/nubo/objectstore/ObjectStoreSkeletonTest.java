package io.nubo.objectstore;

import io.nubo.testsupport.ServiceSkeletonContractTest;
import io.nubo.testsupport.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=object-store-service")
@Import(TestTokens.Keys.class)
class ObjectStoreSkeletonTest extends ServiceSkeletonContractTest {

    @Override
    protected String discoveryPath() {
        return "/info";
    }

    @Override
    protected int discoveryStatus() {
        return 200;
    }

    @Override
    protected String gatewayPrefix() {
        return "/object-store";
    }

    @Override
    protected String notFoundBodyFragment() {
        return "<h1>Not Found</h1>";
    }

    @Override
    protected boolean discoveryHasLinks() {
        return false;
    }
}
