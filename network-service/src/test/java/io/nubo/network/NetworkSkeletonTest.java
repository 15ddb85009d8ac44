package io.nubo.network;

import io.nubo.testsupport.ServiceSkeletonContractTest;
import io.nubo.testsupport.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=network-service")
@Import(TestTokens.Keys.class)
class NetworkSkeletonTest extends ServiceSkeletonContractTest {

    @Override
    protected String discoveryPath() {
        return "/";
    }

    @Override
    protected int discoveryStatus() {
        return 200;
    }

    @Override
    protected String gatewayPrefix() {
        return "/network";
    }

    @Override
    protected String notFoundBodyFragment() {
        return "\"NeutronError\"";
    }
}
