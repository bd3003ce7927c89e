package com.calroute.testing.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test databases on a real PostgreSQL: the server on 127.0.0.1:5432 where it answers (created on demand with the
 * trust-authenticated {@code postgres} role), otherwise an embedded PostgreSQL started once per test JVM.
 * {@code CALROUTE_TEST_PG_HOST}/{@code CALROUTE_TEST_PG_PORT}/{@code CALROUTE_TEST_PG_USER} override the server.
 */
public final class TestPostgres {

    private static final String HOST = env("CALROUTE_TEST_PG_HOST", "127.0.0.1");
    private static final int PORT = Integer.parseInt(env("CALROUTE_TEST_PG_PORT", "5432"));
    private static final String USER = env("CALROUTE_TEST_PG_USER", "postgres");

    private static String serverUrlPrefix;
    private static EmbeddedPostgres embedded;

    private TestPostgres() {
    }

    /**
     * A fresh, empty database for {@code name}, as a JDBC URL. Its real name carries this JVM's process id
     * ({@code name_<pid>}): two test runs on one machine (CI beside a developer's, two clones) share the loopback
     * server, and a fixed name let one run drop — with FORCE, killing its connections — the database the other was
     * using. Databases of this name left by processes that have ended are dropped here; a live run's never are.
     */
    public static synchronized String freshDatabase(String name) {
        requireSafeName(name);
        String prefix = serverUrlPrefix();
        String ours = name + "_" + ProcessHandle.current().pid();
        requireSafeName(ours);
        try (Connection admin = DriverManager.getConnection(prefix + "postgres", USER, "");
             Statement statement = admin.createStatement()) {
            for (String leftover : leftovers(statement, name)) {
                statement.execute("DROP DATABASE IF EXISTS " + leftover + " WITH (FORCE)");
            }
            statement.execute("DROP DATABASE IF EXISTS " + ours + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + ours);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + ours + " at " + prefix, e);
        }
        return prefix + ours;
    }

    /**
     * Databases {@code name_<pid>} whose process no longer runs. (One of the old fixed form, {@code name}, may belong
     * to a run of an older checkout still going on this machine: it is left alone.)
     */
    private static List<String> leftovers(Statement statement, String name) throws SQLException {
        List<String> leftovers = new ArrayList<>();
        Pattern ofThisName = Pattern.compile(Pattern.quote(name) + "_(\\d+)");
        try (ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database")) {
            while (rows.next()) {
                Matcher matcher = ofThisName.matcher(rows.getString(1));
                if (matcher.matches()
                        && !ProcessHandle.of(Long.parseLong(matcher.group(1))).map(ProcessHandle::isAlive).orElse(false)) {
                    leftovers.add(rows.getString(1));
                }
            }
        }
        return leftovers;
    }

    /** The role tests connect as. */
    public static String user() {
        return embedded != null ? "postgres" : USER;
    }

    private static String serverUrlPrefix() {
        if (serverUrlPrefix == null) {
            if (answers(HOST, PORT)) {
                serverUrlPrefix = "jdbc:postgresql://" + HOST + ":" + PORT + "/";
            } else {
                System.out.printf("No PostgreSQL at %s:%d: starting an embedded PostgreSQL for the tests%n", HOST, PORT);
                try {
                    embedded = EmbeddedPostgres.builder().start();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
                }
                EmbeddedPostgres started = embedded;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException ignored) {
                        // The JVM is exiting; the temp directory is removed by the OS eventually.
                    }
                }, "test-postgres-shutdown"));
                serverUrlPrefix = "jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/";
            }
        }
        return serverUrlPrefix;
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void requireSafeName(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("unsafe database name " + name);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
