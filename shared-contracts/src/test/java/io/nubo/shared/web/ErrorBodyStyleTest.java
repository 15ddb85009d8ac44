package io.nubo.shared.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

class ErrorBodyStyleTest {

    @Test
    void keystoneBodyMatchesKeystone() {
        var e = ErrorBodyStyle.named("keystone").render(HttpStatus.NOT_FOUND, "X", "Could not find user: \"a\".");
        assertThat(e.contentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(e.body()).isEqualTo(
                "{\"error\": {\"code\": 404, \"title\": \"Not Found\", \"message\": \"Could not find user: \\\"a\\\".\"}}");
    }

    @Test
    void computeFaultIsNamedAfterTheStatus() {
        ErrorBodyStyle s = ErrorBodyStyle.named("compute");
        assertThat(s.render(HttpStatus.NOT_FOUND, null, "Flavor 7 could not be found.").body())
                .isEqualTo("{\"itemNotFound\": {\"code\": 404, \"message\": \"Flavor 7 could not be found.\"}}");
        assertThat(s.render(HttpStatus.BAD_REQUEST, null, "m").body()).startsWith("{\"badRequest\": ");
        assertThat(s.render(HttpStatus.CONFLICT, null, "m").body()).startsWith("{\"conflictingRequest\": ");
        assertThat(s.render(HttpStatus.FORBIDDEN, null, "m").body()).startsWith("{\"forbidden\": ");
        assertThat(s.render(HttpStatus.CONTENT_TOO_LARGE, null, "m").body()).startsWith("{\"overLimit\": ");
        assertThat(s.render(HttpStatus.INTERNAL_SERVER_ERROR, null, "m").body()).startsWith("{\"computeFault\": ");
    }

    @Test
    void cloudKittyWritesWsmeFaults() {
        assertThat(ErrorBodyStyle.named("cloudkitty").render(HttpStatus.NOT_FOUND, null, "No such service: x").body())
                .isEqualTo("{\"faultcode\": \"Client\", \"faultstring\": \"No such service: x\", \"debuginfo\": null}");
        assertThat(ErrorBodyStyle.named("cloudkitty").render(HttpStatus.INTERNAL_SERVER_ERROR, null, "m").body())
                .startsWith("{\"faultcode\": \"Server\"");
    }

    @Test
    void neutronCarriesTheErrorType() {
        var e = ErrorBodyStyle.named("neutron").render(HttpStatus.NOT_FOUND, "NetworkNotFound", "Network x could not be found.");
        assertThat(e.body()).isEqualTo(
                "{\"NeutronError\": {\"type\": \"NetworkNotFound\", \"message\": \"Network x could not be found.\", \"detail\": \"\"}}");
        assertThat(ErrorBodyStyle.named("neutron").render(HttpStatus.NOT_FOUND, null, "m").body())
                .contains("\"type\": \"HTTPNotFound\"");
    }

    @Test
    void htmlStylesEscapeTheMessage() {
        var swift = ErrorBodyStyle.named("swift").render(HttpStatus.NOT_FOUND, null, "<script>");
        assertThat(swift.contentType()).isEqualTo(MediaType.TEXT_HTML);
        assertThat(swift.body()).isEqualTo("<html><h1>Not Found</h1><p>&lt;script&gt;</p></html>");
        var glance = ErrorBodyStyle.named("glance").render(HttpStatus.CONFLICT, null, "a & b");
        assertThat(glance.body()).contains("<title>409 Conflict</title>").contains("a &amp; b");
    }

    @Test
    void controlCharactersAreEscapedInJson() {
        var e = ErrorBodyStyle.named("keystone").render(HttpStatus.BAD_REQUEST, null, "a\nb\u0001\\");
        assertThat(e.body()).contains("a\\nb\\u0001\\\\");
    }

    @Test
    void unknownStyleIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> ErrorBodyStyle.named("nova"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keystone, compute, neutron, glance, swift, cloudkitty");
    }
}
