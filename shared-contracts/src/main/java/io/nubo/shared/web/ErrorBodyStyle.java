package io.nubo.shared.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** How one OpenStack API spells an error on the wire. Chosen per service by {@code nubo.service.error-style}. */
public sealed interface ErrorBodyStyle
        permits KeystoneErrorStyle, ComputeFaultStyle, NeutronErrorStyle, GlanceErrorStyle, SwiftErrorStyle,
        CloudKittyFaultStyle {

    /** A rendered error: its media type and body (empty for HEAD requests, which the handler drops). */
    record RenderedError(MediaType contentType, String body) {
    }

    RenderedError render(HttpStatus status, String type, String message);

    static ErrorBodyStyle named(String name) {
        return switch (name) {
            case "keystone" -> new KeystoneErrorStyle();
            case "compute" -> new ComputeFaultStyle();
            case "cinder" -> ComputeFaultStyle.cinder();
            case "neutron" -> new NeutronErrorStyle();
            case "glance" -> new GlanceErrorStyle();
            case "swift" -> new SwiftErrorStyle();
            case "cloudkitty" -> new CloudKittyFaultStyle();
            default -> throw new IllegalArgumentException("nubo.service.error-style must be one of "
                    + "keystone, compute, neutron, glance, swift, cloudkitty, cinder; was '" + name + "'");
        };
    }
}
