package io.nubo.identity.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The generated admin password, written once (mode 600) where the operator and the launcher can read it; the
 * service users' passwords the same way, one file each under {@code service-passwords/}, where the all-in-one
 * reads them to configure the services that sign in as those users.
 */
@Component
public class AdminPasswordFile {

    private final Path path;

    public AdminPasswordFile(@Value("${nubo.data-dir:${user.home}/.nubo/data}") String dataDir) {
        this.path = Path.of(dataDir, "admin-password");
    }

    public Path path() {
        return path;
    }

    /** Where the generated password of service user {@code name} is kept. */
    public Path servicePasswordPath(String name) {
        return path.resolveSibling("service-passwords").resolve(name);
    }

    String generateAndWrite() {
        return generateAndWrite(path);
    }

    String generateServicePassword(String name) {
        return generateAndWrite(servicePasswordPath(name));
    }

    private static String generateAndWrite(Path path) {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            Files.createDirectories(path.getParent());
            Files.deleteIfExists(path);
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(path, password + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the admin password to " + path, e);
        }
        return password;
    }
}
