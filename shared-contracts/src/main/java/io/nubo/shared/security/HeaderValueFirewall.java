package io.nubo.shared.security;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} with its header-value rule checked by a loop instead of its regular
 * expression: the same rule (every code point assigned, none a control character but the tab), the same
 * verdicts, at a fraction of the cost. Every request carries a token of about 700 characters (two with a service
 * token), and matching them against the pattern took about 5% of a token validation's CPU.
 */
public final class HeaderValueFirewall {

    private HeaderValueFirewall() {
    }

    /** A strict firewall, Spring's defaults but for how header values are checked. */
    public static StrictHttpFirewall strict() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderValues(HeaderValueFirewall::allowed);
        return firewall;
    }

    /** As {@link StrictHttpFirewall#ALLOWED_HEADER_VALUES}: {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}. */
    public static boolean allowed(String value) {
        int n = value.length();
        for (int i = 0; i < n; ) {
            char c = value.charAt(i);
            if (c < 0x100) {
                // Latin-1 is all assigned; its controls are U+0000-U+001F and U+007F-U+009F
                if ((c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f)) {
                    return false;
                }
                i++;
                continue;
            }
            int cp = value.codePointAt(i);
            if (!Character.isDefined(cp) || Character.getType(cp) == Character.CONTROL) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
