package io.nubo.shared.microversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nubo.shared.web.ComputeFaultStyle;
import io.nubo.shared.web.ErrorResponseWriter;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class MicroversionFilterTest {

    private final MicroversionSpec spec = MicroversionSpec.of("compute", "X-OpenStack-Nova-API-Version", "2.1",
            "2.10", "/v2.1");
    private final MicroversionFilter filter = new MicroversionFilter(spec,
            new ErrorResponseWriter(new ComputeFaultStyle()));

    private record Outcome(MockHttpServletResponse response, ApiVersion seen) {
    }

    private Outcome call(String path, String... headers) throws Exception {
        MockHttpServletRequest req = new MockHttpServletRequest("GET", path);
        for (int i = 0; i < headers.length; i += 2) {
            req.addHeader(headers[i], headers[i + 1]);
        }
        MockHttpServletResponse res = new MockHttpServletResponse();
        AtomicReference<ApiVersion> seen = new AtomicReference<>();
        filter.doFilter(req, res, (rq, rs) -> seen.set(MicroversionFilter.requested(req)));
        return new Outcome(res, seen.get());
    }

    @Test
    void parsesNumericallyAndRejectsMalformed() {
        assertThat(ApiVersion.parse("2.10")).isGreaterThan(ApiVersion.parse("2.9"));
        assertThat(ApiVersion.parse("3.0")).isEqualTo(new ApiVersion(3, 0));
        for (String bad : new String[] {"2", "2.01", "02.1", "2.1.1", "x.y", "", " 2. 1", "2.99999999999"}) {
            assertThatThrownBy(() -> ApiVersion.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void noHeaderMeansTheMinimumAndBothHeadersAreEchoed() throws Exception {
        Outcome o = call("/v2.1/servers");
        assertThat(o.seen()).isEqualTo(ApiVersion.parse("2.1"));
        assertThat(o.response().getHeader("OpenStack-API-Version")).isEqualTo("compute 2.1");
        assertThat(o.response().getHeader("X-OpenStack-Nova-API-Version")).isEqualTo("2.1");
        assertThat(o.response().getHeader("Vary")).isEqualTo("OpenStack-API-Version, X-OpenStack-Nova-API-Version");
    }

    @Test
    void newHeaderWinsOverLegacyAndNamesItsService() throws Exception {
        assertThat(call("/v2.1/flavors", "OpenStack-API-Version", "volume 3.0, compute 2.5",
                "X-OpenStack-Nova-API-Version", "2.3").seen()).isEqualTo(ApiVersion.parse("2.5"));
        assertThat(call("/v2.1/flavors", "X-OpenStack-Nova-API-Version", "2.3").seen())
                .isEqualTo(ApiVersion.parse("2.3"));
        // another service's version only: the minimum
        assertThat(call("/v2.1/flavors", "OpenStack-API-Version", "volume 3.7").seen())
                .isEqualTo(ApiVersion.parse("2.1"));
        assertThat(call("/v2.1/flavors", "OpenStack-API-Version", "compute latest").seen())
                .isEqualTo(ApiVersion.parse("2.10"));
    }

    @Test
    void aboveTheMaximumIs406AndMalformedIs400InNovasBody() throws Exception {
        Outcome high = call("/v2.1/servers", "OpenStack-API-Version", "compute 2.11");
        assertThat(high.response().getStatus()).isEqualTo(406);
        assertThat(high.seen()).isNull();
        assertThat(high.response().getContentAsString()).contains("\"code\": 406")
                .contains("Version 2.11 is not supported by the API. Minimum is 2.1 and maximum is 2.10.");
        Outcome low = call("/v2.1/servers", "X-OpenStack-Nova-API-Version", "2.0");
        assertThat(low.response().getStatus()).isEqualTo(406);
        Outcome bad = call("/v2.1/servers", "X-OpenStack-Nova-API-Version", "2.a");
        assertThat(bad.response().getStatus()).isEqualTo(400);
        assertThat(bad.response().getContentAsString()).contains("\"badRequest\"").contains("invalid format");
    }

    @Test
    void pathsOutsideTheVersionedApiAreLeftAlone() throws Exception {
        Outcome root = call("/", "X-OpenStack-Nova-API-Version", "9.9");
        assertThat(root.response().getStatus()).isEqualTo(200);
        assertThat(root.seen()).isNull();
        assertThat(call("/v2.10/x", "X-OpenStack-Nova-API-Version", "9.9").response().getStatus()).isEqualTo(200);
    }

    @Test
    void handlerRangesNarrowAndMatchInclusively() {
        MicroversionRequestCondition type = new MicroversionRequestCondition(ApiVersion.parse("2.1"), null);
        MicroversionRequestCondition method = new MicroversionRequestCondition(ApiVersion.parse("2.3"),
                ApiVersion.parse("2.5"));
        MicroversionRequestCondition both = type.combine(method);
        assertThat(both.toString()).isEqualTo("microversions [2.3, 2.5]");
        for (String[] c : new String[][] {{"2.2", "false"}, {"2.3", "true"}, {"2.5", "true"}, {"2.6", "false"}}) {
            MockHttpServletRequest req = new MockHttpServletRequest("GET", "/v2.1/x");
            req.setAttribute(ApiVersion.class.getName(), ApiVersion.parse(c[0]));
            assertThat(both.getMatchingCondition(req) != null).as(c[0]).isEqualTo(Boolean.parseBoolean(c[1]));
        }
    }
}
