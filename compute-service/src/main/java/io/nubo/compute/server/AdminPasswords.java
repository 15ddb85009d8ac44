package io.nubo.compute.server;

import java.security.SecureRandom;

/** Nova's {@code utils.generate_password}: the adminPass a create, a rebuild or an evacuate answers with. */
public final class AdminPasswords {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PASSWORD_CHARS = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private AdminPasswords() {
    }

    public static String generate() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            b.append(PASSWORD_CHARS.charAt(RANDOM.nextInt(PASSWORD_CHARS.length())));
        }
        return b.toString();
    }
}
