package io.nubo.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestIdsTest {

    @Test
    void generatedIdsHaveTheOsloShape() {
        String id = RequestIds.generate();
        assertThat(id).startsWith("req-");
        assertThat(RequestIds.isValid(id)).isTrue();
        assertThat(RequestIds.isValid("req-nope")).isFalse();
        assertThat(RequestIds.isValid(null)).isFalse();
    }

    @Test
    void filterKeepsAValidIncomingIdAndReplacesAnInvalidOne() throws Exception {
        String incoming = RequestIds.generate();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
        request.addHeader(RequestIds.HEADER, incoming);
        MockHttpServletResponse response = new MockHttpServletResponse();
        String[] seen = new String[1];
        new RequestIdFilter(true).doFilter(request, response, new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
                seen[0] = RequestIds.current();
            }
        });
        assertThat(response.getHeader(RequestIds.HEADER)).isEqualTo(incoming);
        assertThat(response.getHeader(RequestIds.COMPUTE_HEADER)).isEqualTo(incoming);
        assertThat(seen[0]).isEqualTo(incoming);
        assertThat(RequestIds.current()).isNull();

        MockHttpServletRequest forged = new MockHttpServletRequest("GET", "/");
        forged.addHeader(RequestIds.HEADER, "req-<script>");
        MockHttpServletResponse r2 = new MockHttpServletResponse();
        new RequestIdFilter(false).doFilter(forged, r2, new MockFilterChain());
        assertThat(RequestIds.isValid(r2.getHeader(RequestIds.HEADER))).isTrue();
        assertThat(r2.getHeader(RequestIds.COMPUTE_HEADER)).isNull();
    }
}
