package io.nubo.identity.bootstrap;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.nubo.shared.nativecall.NativeStackExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * bcrypt through the system's libcrypt (libxcrypt's {@code crypt_rn}), which is about 1.3x cheaper per check than
 * Spring Security's Java implementation; bcrypt is most of the CPU a password token costs.
 *
 * <p>Bit-exact with Spring's {@link BCrypt}: Spring computes {@code $2a$}, {@code $2b$} and {@code $2y$} the same
 * way (the correct algorithm), while libxcrypt's {@code $2a$} adds openwall's countermeasure for passwords that
 * collided under the old sign-extension bug. So every hash is computed as {@code $2b$} and the stored prefix put
 * back before comparing. A password holding a NUL character (C strings stop there, Spring's bytes do not) or a
 * stored hash of another shape is left to the caller's fallback ({@link #hash} returns empty).
 */
final class NativeBcrypt {

    private static final Logger log = LoggerFactory.getLogger(NativeBcrypt.class);

    /** {@code sizeof(struct crypt_data)} in libxcrypt's crypt.h. */
    private static final int CRYPT_DATA_SIZE = 32768;

    private static final Pattern HASH = Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");

    interface LibCrypt extends Library {
        Pointer crypt_rn(byte[] phrase, byte[] setting, Pointer data, int size);
    }

    private final LibCrypt lib;
    private final NativeStackExecutor executor;
    private final ThreadLocal<Memory> data = ThreadLocal.withInitial(() -> {
        Memory m = new Memory(CRYPT_DATA_SIZE);
        m.clear();
        return m;
    });

    private NativeBcrypt(LibCrypt lib, int threads) {
        this.lib = lib;
        this.executor = new NativeStackExecutor("libcrypt-bcrypt", threads, NativeStackExecutor.NATIVE_STACK_BYTES);
    }

    /**
     * libcrypt's bcrypt, if the library loads and gives Spring's answer for a known hash; otherwise empty (and
     * one log line saying why).
     */
    static Optional<NativeBcrypt> load(int threads) {
        NativeBcrypt bcrypt;
        try {
            bcrypt = new NativeBcrypt(Native.load("crypt", LibCrypt.class), threads);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            log.warn("libcrypt not available ({}); bcrypt runs in Java (Spring Security)", e.getMessage());
            return Optional.empty();
        }
        try {
            String salt = "$2a$04$" + "abcdefghijklmnopqrstuu";
            String expected = BCrypt.hashpw("nubo-selftest-\u00e9", salt);
            String actual = bcrypt.hash("nubo-selftest-\u00e9", expected).orElse(null);
            if (!expected.equals(actual)) {
                return bcrypt.rejected("libcrypt has no bcrypt matching Spring's (got {}); bcrypt runs in Java",
                        actual);
            }
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return bcrypt.rejected("libcrypt's bcrypt failed its self-test ({}); bcrypt runs in Java", e.toString());
        }
        log.info("bcrypt through libcrypt (crypt_rn)");
        return Optional.of(bcrypt);
    }

    /** Logs why this libcrypt is not used, shuts its threads down and answers empty. */
    private Optional<NativeBcrypt> rejected(String message, Object detail) {
        log.warn(message, detail);
        executor.close();
        return Optional.empty();
    }

    /**
     * The bcrypt hash of {@code password} with the salt and cost of {@code setting} (a salt from
     * {@link BCrypt#gensalt} or a stored hash), with the setting's prefix; empty if this cannot compute it
     * exactly as Spring would (a NUL in the password, a setting of another shape).
     */
    Optional<String> hash(String password, String setting) {
        if (password.indexOf('\0') >= 0 || setting.length() < 29) {
            return Optional.empty();
        }
        String full = setting.length() == 60 ? setting : setting.substring(0, 29) + "0".repeat(31);
        if (!HASH.matcher(full).matches()) {
            return Optional.empty();
        }
        byte[] utf8 = password.getBytes(StandardCharsets.UTF_8);
        byte[] phrase = Arrays.copyOf(utf8, utf8.length + 1);
        Arrays.fill(utf8, (byte) 0);
        String asB = "$2b" + setting.substring(3, 29);
        byte[] salt = (asB + "\0").getBytes(StandardCharsets.US_ASCII);
        String out;
        try {
            out = executor.call(() -> {
                Pointer p = lib.crypt_rn(phrase, salt, data.get(), CRYPT_DATA_SIZE);
                return p == null ? null : p.getString(0, StandardCharsets.US_ASCII.name());
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Arrays.fill(phrase, (byte) 0);
        }
        if (out == null || out.length() != 60 || !out.startsWith("$2b$")) {
            return Optional.empty();
        }
        return Optional.of(setting.substring(0, 3) + out.substring(3));
    }

    /** Whether {@code password} hashes to {@code encoded}; empty when {@link #hash} cannot tell. */
    Optional<Boolean> matches(String password, String encoded) {
        if (encoded == null || !HASH.matcher(encoded).matches()) {
            return Optional.empty();
        }
        return hash(password, encoded).map(h -> MessageDigest.isEqual(
                h.getBytes(StandardCharsets.US_ASCII), encoded.getBytes(StandardCharsets.US_ASCII)));
    }
}
