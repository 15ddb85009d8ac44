package io.nubo.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A fresh, empty PostgreSQL database for one test class. On our machines PostgreSQL runs on 127.0.0.1:5432
 * (user postgres, trust auth; override with NUBO_TEST_PG_URL / NUBO_TEST_PG_USER / NUBO_TEST_PG_PASSWORD);
 * where none answers but Docker runs, Testcontainers starts one. Tests never run on a stand-in database.
 */
public final class PostgresTestDatabase implements AutoCloseable {

    private static final String ADMIN_URL = env("NUBO_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = env("NUBO_TEST_PG_USER", "postgres");
    private static final String PASSWORD = env("NUBO_TEST_PG_PASSWORD", "");
    private static PostgreSQLContainer container;

    private final String adminUrl;
    private final String user;
    private final String password;
    private final String name;

    private PostgresTestDatabase(String adminUrl, String user, String password, String name) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    /** Creates a database named after the prefix and a random suffix. */
    public static PostgresTestDatabase create(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        String url = ADMIN_URL;
        String user = USER;
        String password = PASSWORD;
        if (!reachable(url, user, password)) {
            PostgreSQLContainer c = container();
            url = c.getJdbcUrl();
            user = c.getUsername();
            password = c.getPassword();
        }
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name + " on " + url, e);
        }
        return new PostgresTestDatabase(url, user, password, name);
    }

    public String jdbcUrl() {
        int slash = adminUrl.lastIndexOf('/');
        int query = adminUrl.indexOf('?', slash);
        return adminUrl.substring(0, slash + 1) + name + (query >= 0 ? adminUrl.substring(query) : "");
    }

    public String username() {
        return user;
    }

    public String password() {
        return password;
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            // a leftover test database is harmless; it is named so that it can be found and dropped
        }
    }

    private static boolean reachable(String url, String user, String password) {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static synchronized PostgreSQLContainer container() {
        if (container == null) {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                throw new IllegalStateException("No PostgreSQL on " + ADMIN_URL + " and no Docker for Testcontainers:"
                        + " start PostgreSQL (see scripts/install-deps.sh) or set NUBO_TEST_PG_URL");
            }
            container = new PostgreSQLContainer("postgres:15-alpine");
            container.start();
        }
        return container;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
