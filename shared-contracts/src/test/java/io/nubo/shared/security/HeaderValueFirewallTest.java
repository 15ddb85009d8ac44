package io.nubo.shared.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.StrictHttpFirewall;

class HeaderValueFirewallTest {

    /** Every code point alone (surrogates alone too), in all planes, gets Spring's own verdict. */
    @Test
    void everyCodePointGetsTheVerdictOfSpringsPattern() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String s = new String(Character.toChars(cp));
            assertThat(HeaderValueFirewall.allowed(s)).as("U+%04X", cp)
                    .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(s));
        }
    }

    /** Mixed strings (tokens, tabs, controls, unpaired and paired surrogates, unassigned code points) agree too. */
    @Test
    void mixedStringsGetTheVerdictOfSpringsPattern() {
        SplittableRandom random = new SplittableRandom(14);
        char[] pool = {'a', 'Z', '.', '-', '_', '\t', ' ', '\u0000', '\n', '\u007f', '\u0085', '\u00a0', '\u00ff',
            '\u0378', '\u4e2d', '\ud83d', '\ude00', '\uffff', '\ufffe'};
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int len = random.nextInt(0, 40);
            for (int j = 0; j < len; j++) {
                b.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x10000) : pool[random.nextInt(pool.length)]);
            }
            String s = b.toString();
            boolean spring = StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(s);
            assertThat(HeaderValueFirewall.allowed(s)).as("%s", s.chars().mapToObj(c -> String.format("%04x", c))
                    .toList()).isEqualTo(spring);
            refused += spring ? 0 : 1;
        }
        assertThat(refused).as("both verdicts were exercised").isBetween(1000, 19_000);
    }
}
