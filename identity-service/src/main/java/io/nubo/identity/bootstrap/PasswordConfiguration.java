package io.nubo.identity.bootstrap;

import io.nubo.identity.compliance.SecurityComplianceProperties;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCrypt;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration
@EnableConfigurationProperties({BootstrapProperties.class, SecurityComplianceProperties.class})
public class PasswordConfiguration {

    /** bcrypt reads at most 72 bytes of a password. */
    static final int BCRYPT_MAX_BYTES = 72;

    @Bean
    PasswordEncoder passwordEncoder(BootstrapProperties props,
                                    @Value("${nubo.identity.bootstrap.native-bcrypt:true}") boolean nativeBcrypt) {
        Optional<NativeBcrypt> libcrypt = nativeBcrypt
                ? NativeBcrypt.load(Runtime.getRuntime().availableProcessors())
                : Optional.empty();
        return encoder(props.bcryptCost(), libcrypt);
    }

    /**
     * bcrypt at {@code cost}: through libcrypt when given (bit-exact with Spring's, see {@link NativeBcrypt}),
     * Spring's Java implementation otherwise and for what libcrypt cannot compute exactly.
     */
    static PasswordEncoder encoder(int cost, Optional<NativeBcrypt> libcrypt) {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(cost);
        SecureRandom random = new SecureRandom();
        // Keystone hands bcrypt the first 72 bytes of a longer password (bcrypt's own rule); Spring's encoder
        // refuses such a password instead, which would turn a long password into a server error.
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                String password = truncated(raw);
                return libcrypt.flatMap(n -> n.hash(password, BCrypt.gensalt("$2a", cost, random)))
                        .orElseGet(() -> bcrypt.encode(password));
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                if (raw == null) {
                    return false;
                }
                String password = truncated(raw);
                return libcrypt.flatMap(n -> n.matches(password, encoded))
                        .orElseGet(() -> bcrypt.matches(password, encoded));
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
