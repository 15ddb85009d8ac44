package io.nubo.shared.outbound;

import java.io.IOException;

/** A user-given URL the cloud will not fetch; the message says why and names the setting that would allow it. */
public class OutboundUrlRefused extends IOException {

    public OutboundUrlRefused(String message) {
        super(message);
    }
}
