package io.nubo.identity.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCrypt;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder.BCryptVersion;
import org.springframework.security.crypto.password.PasswordEncoder;

/** libcrypt's bcrypt against Spring Security's: the hashes already in databases must keep working. */
class NativeBcryptTest {

    private static NativeBcrypt libcrypt;

    @BeforeAll
    static void load() {
        // Debian's libcrypt1 (libxcrypt) is part of every base image Nubo runs on: its absence here is a failure.
        libcrypt = NativeBcrypt.load(2).orElseThrow();
    }

    private static String randomPassword(Random random) {
        int kind = random.nextInt(4);
        int length = kind == 3 ? 60 + random.nextInt(40) : 1 + random.nextInt(40);
        StringBuilder s = new StringBuilder();
        while (s.length() < length) {
            int cp = switch (kind) {
                case 0 -> 0x21 + random.nextInt(0x5e);                  // printable ASCII
                case 1 -> 0x80 + random.nextInt(0x780);                 // two-byte UTF-8 (é, ж, ...)
                case 2 -> random.nextBoolean() ? 0x4e00 + random.nextInt(0x5000) : 0x1f600 + random.nextInt(0x50);
                default -> 0x20 + random.nextInt(0x2000);
            };
            s.appendCodePoint(cp);
        }
        return s.toString();
    }

    @Test
    void agreesWithSpringOnHashesSpringMade() {
        Random random = new Random(14);
        BCryptPasswordEncoder a = new BCryptPasswordEncoder(BCryptVersion.$2A, 4);
        BCryptPasswordEncoder b = new BCryptPasswordEncoder(BCryptVersion.$2B, 4);
        BCryptPasswordEncoder y = new BCryptPasswordEncoder(BCryptVersion.$2Y, 4);
        for (int i = 0; i < 300; i++) {
            String password = PasswordConfiguration.truncated(randomPassword(random));
            for (BCryptPasswordEncoder spring : new BCryptPasswordEncoder[] {a, b, y}) {
                String stored = spring.encode(password);
                assertThat(libcrypt.matches(password, stored)).as(password + " " + stored).contains(true);
                assertThat(libcrypt.hash(password, stored)).contains(stored);
                String other = password.substring(0, password.length() - 1) + "x";
                if (!other.equals(password)) {
                    assertThat(libcrypt.matches(other, stored)).contains(false);
                }
            }
        }
    }

    @Test
    void hashesItMakesAreSpringsHashes() {
        Random random = new Random(72);
        for (int i = 0; i < 200; i++) {
            String password = PasswordConfiguration.truncated(randomPassword(random));
            String salt = BCrypt.gensalt(i % 2 == 0 ? "$2a" : "$2b", 4);
            String hash = libcrypt.hash(password, salt).orElseThrow();
            assertThat(hash).isEqualTo(BCrypt.hashpw(password.getBytes(StandardCharsets.UTF_8), salt))
                    .startsWith(salt);
            assertThat(BCrypt.checkpw(password, hash)).isTrue();
        }
    }

    @Test
    void bytesWithTheHighBitSetAreTheCorrectAlgorithmEvenUnder2a() {
        // libxcrypt's $2a$ differs from Spring's only for passwords the old sign-extension bug made collide; the
        // 0xff-heavy ones below are where the two would part if $2a$ were passed through as is.
        for (String password : new String[] {"\u00ff\u00ff\u00ff", "\u00ff\u00a3\u0034", "ÿÿÿÿÿÿÿÿ",
                                             "\uffff".repeat(24), "\u0080".repeat(36)}) {
            String salt = BCrypt.gensalt("$2a", 4);
            assertThat(libcrypt.hash(password, salt))
                    .contains(BCrypt.hashpw(password.getBytes(StandardCharsets.UTF_8), salt));
        }
    }

    @Test
    void whatItCannotComputeExactlyIsLeftToSpring() {
        String stored = new BCryptPasswordEncoder(4).encode("a\0b");
        assertThat(libcrypt.matches("a\0b", stored)).isEmpty();
        assertThat(libcrypt.matches("x", "not-a-hash")).isEmpty();
        assertThat(libcrypt.matches("x", "$2x$04$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz01234")).isEmpty();

        PasswordEncoder encoder = PasswordConfiguration.encoder(4, Optional.of(libcrypt));
        assertThat(encoder.matches("a\0b", stored)).isTrue();
        assertThat(encoder.matches("a\0c", stored)).isFalse();
        assertThat(encoder.matches("x", "not-a-hash")).isFalse();
    }

    @Test
    void theEncoderKeepsTheSeventyTwoByteRuleBothWays() {
        PasswordEncoder nativeEncoder = PasswordConfiguration.encoder(4, Optional.of(libcrypt));
        PasswordEncoder javaEncoder = PasswordConfiguration.encoder(4, Optional.empty());
        String longPassword = "é".repeat(30) + "0123456789abcdefghij";   // 80 bytes
        String sameFirst72 = "é".repeat(30) + "0123456789abcdefghXX";
        for (PasswordEncoder made : new PasswordEncoder[] {nativeEncoder, javaEncoder}) {
            String stored = made.encode(longPassword);
            assertThat(stored).startsWith("$2a$04$");
            for (PasswordEncoder check : new PasswordEncoder[] {nativeEncoder, javaEncoder}) {
                assertThat(check.matches(longPassword, stored)).isTrue();
                assertThat(check.matches(sameFirst72, stored)).isTrue();
                assertThat(check.matches("é".repeat(30), stored)).isFalse();
                assertThat(check.matches(null, stored)).isFalse();
            }
        }
    }
}
