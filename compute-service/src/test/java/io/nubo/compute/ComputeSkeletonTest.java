package io.nubo.compute;

import io.nubo.testsupport.ServiceSkeletonContractTest;
import io.nubo.testsupport.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=compute-service", "nubo.compute.consume-agent-reports=false",
                "nubo.outbox.enabled=false"})
@Import(TestTokens.Keys.class)
class ComputeSkeletonTest extends ServiceSkeletonContractTest {

    @Override
    protected String discoveryPath() {
        return "/v2.1";
    }

    @Override
    protected int discoveryStatus() {
        return 200;
    }

    @Override
    protected String gatewayPrefix() {
        return "/compute";
    }

    @Override
    protected String notFoundBodyFragment() {
        return "\"itemNotFound\"";
    }
}
