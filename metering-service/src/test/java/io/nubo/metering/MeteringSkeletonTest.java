package io.nubo.metering;

import io.nubo.testsupport.ServiceSkeletonContractTest;
import io.nubo.testsupport.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=metering-service", "nubo.metering.consumer.enabled=false"})
@Import(TestTokens.Keys.class)
class MeteringSkeletonTest extends ServiceSkeletonContractTest {

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
        return "/rating";
    }

    @Override
    protected String notFoundBodyFragment() {
        return "\"faultcode\": \"Client\"";
    }
}
