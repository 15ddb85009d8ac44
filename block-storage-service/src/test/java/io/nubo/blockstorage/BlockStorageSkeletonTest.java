package io.nubo.blockstorage;

import io.nubo.testsupport.ServiceSkeletonContractTest;
import io.nubo.testsupport.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=block-storage-service")
@Import(TestTokens.Keys.class)
class BlockStorageSkeletonTest extends ServiceSkeletonContractTest {

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
        return "/volume";
    }

    @Override
    protected String notFoundBodyFragment() {
        return "\"itemNotFound\"";
    }
}
