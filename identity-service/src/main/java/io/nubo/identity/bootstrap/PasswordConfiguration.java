package io.nubo.identity.bootstrap;

import io.nubo.identity.compliance.SecurityComplianceProperties;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration
@EnableConfigurationProperties({BootstrapProperties.class, SecurityComplianceProperties.class})
public class PasswordConfiguration {

    /** bcrypt reads at most 72 bytes of a password. */
    static final int BCRYPT_MAX_BYTES = 72;

    @Bean
    PasswordEncoder passwordEncoder(BootstrapProperties props) {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(props.bcryptCost());
        // Keystone hands bcrypt the first 72 bytes of a longer password (bcrypt's own rule); Spring's encoder
        // refuses such a password instead, which would turn a long password into a server error.
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return bcrypt.encode(truncated(raw));
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                return raw != null && bcrypt.matches(truncated(raw), encoded);
            }
        };
    }

    /** The longest prefix, at a character boundary, whose UTF-8 form fits bcrypt's 72 bytes. */
    static String truncated(CharSequence raw) {
        String s = raw.toString();
        if (s.getBytes(StandardCharsets.UTF_8).length <= BCRYPT_MAX_BYTES) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + len > BCRYPT_MAX_BYTES) {
                break;
            }
            out.appendCodePoint(cp);
            bytes += len;
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
