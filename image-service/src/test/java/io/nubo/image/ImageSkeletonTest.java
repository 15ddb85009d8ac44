package io.nubo.image;

import io.nubo.testsupport.ServiceSkeletonContractTest;
import io.nubo.testsupport.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=image-service")
@Import(TestTokens.Keys.class)
class ImageSkeletonTest extends ServiceSkeletonContractTest {

    @Override
    protected String discoveryPath() {
        return "/";
    }

    @Override
    protected int discoveryStatus() {
        return 300;
    }

    @Override
    protected String gatewayPrefix() {
        return "/image";
    }

    @Override
    protected String notFoundBodyFragment() {
        return "<h1>404 Not Found</h1>";
    }
}
