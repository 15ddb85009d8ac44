package io.nubo.allinone;

import java.nio.file.Path;

/**
 * How the all-in-one runs: where its data lives, which ports it takes, and where the databases are.
 *
 * @param home     the Nubo directory (default {@code ~/.nubo}); data under {@code home/data}
 * @param portBase the gateway's port; services take the next seven, Kafka base+10 and base+11
 * @param postgres a JDBC URL prefix such as {@code jdbc:postgresql://127.0.0.1:5432/}, or null for embedded H2
 */
public record LaunchOptions(Path home, int portBase, String postgres) {

    public static LaunchOptions parse(String[] args) {
        Path home = Path.of(System.getProperty("user.home"), ".nubo");
        int base = 8780;
        String postgres = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--data-dir" -> home = Path.of(value(args, ++i, a));
                case "--port-base" -> base = Integer.parseInt(value(args, ++i, a));
                case "--postgres" -> postgres = value(args, ++i, a);
                default -> throw new IllegalArgumentException("Unknown option " + a
                        + " (known: --data-dir DIR, --port-base N, --postgres JDBC_URL_PREFIX)");
            }
        }
        return new LaunchOptions(home.toAbsolutePath(), base, postgres);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    public Path dataDir() {
        return home.resolve("data");
    }

    public int gatewayPort() {
        return portBase;
    }

    public int kafkaPort() {
        return portBase + 10;
    }

    public int kafkaControllerPort() {
        return portBase + 11;
    }

    public String publicUrl() {
        return "http://127.0.0.1:" + portBase;
    }
}
