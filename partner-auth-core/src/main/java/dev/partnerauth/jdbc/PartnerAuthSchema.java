package dev.partnerauth.jdbc;

import dev.partnerauth.internal.jdbc.StoreDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The tables of the JDBC stores, as SQL files in this jar
 * ({@code dev/partnerauth/jdbc/schema-postgresql.sql}, {@code schema-mariadb.sql} for MariaDB and MySQL,
 * and {@code schema-h2.sql}). Every statement
 * is {@code CREATE ... IF NOT EXISTS}, so the schema can be applied on every start with {@link
 * #apply}, or handed to the host's migration tool through {@link #sql}.
 */
public final class PartnerAuthSchema {
    /** Every table the stores use. */
    public static final List<String> TABLES = List.of("partner_auth_keys", "partner_auth_settings",
            "partner_auth_users", "partner_auth_grants", "partner_auth_signing_keys", "partner_auth_audit_events",
            // cluster: the pepper fingerprint
            "partner_auth_pepper");

    /** Serialises concurrent {@link #apply} calls on PostgreSQL, whose IF NOT EXISTS is not race-free. */
    private static final long POSTGRESQL_LOCK_ID = 0x7061727461757468L; // "partauth"

    private PartnerAuthSchema() {
    }

    /** The schema script of a dialect, as shipped. */
    public static String sql(Dialect dialect) {
        Objects.requireNonNull(dialect, "dialect");
        try (InputStream in = PartnerAuthSchema.class.getResourceAsStream(dialect.schemaResource)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + dialect.schemaResource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Creates whatever tables and indexes are missing, in one transaction. Harmless when the schema
     * is already there; several nodes may call it at once.
     *
     * @throws IllegalArgumentException when the database is none of PostgreSQL, H2, MariaDB and MySQL
     * @throws dev.partnerauth.StoreUnavailableException when the database cannot be reached
     */
    public static void apply(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw StoreDatabase.unavailable("apply schema", e);
        }
        try (c) {
            Dialect dialect = Dialect.of(c.getMetaData());
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                if (dialect == Dialect.POSTGRESQL) {
                    s.execute("SELECT pg_advisory_xact_lock(" + POSTGRESQL_LOCK_ID + ")");
                }
                if (dialect == Dialect.MARIADB) {
                    // DDL commits at once on MariaDB and MySQL, so the lock is the session's, released below
                    lockMariaDb(s);
                }
                String usersKeyStart = null; // first column of the users' primary key, once asked
                for (String statement : statements(sql(dialect))) {
                    boolean drop = statement.contains(H2_USERS_KEY_DROP);
                    if (dialect == Dialect.H2 && (drop || statement.contains(H2_USERS_KEY_ADD))) {
                        // H2 scripts cannot test for the key, and rebuilding it on every start took
                        // seconds for 50 000 users in an H2 file (measured): it is tested here instead
                        if (usersKeyStart == null) {
                            usersKeyStart = usersPrimaryKeyStart(c);
                        }
                        if (usersKeyStart.equals("PARTNER_ID") || (drop && usersKeyStart.isEmpty())) {
                            continue;
                        }
                    }
                    s.execute(statement);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                if (dialect == Dialect.MARIADB) {
                    try (Statement s = c.createStatement()) {
                        s.execute("DO RELEASE_LOCK(" + MARIADB_LOCK_NAME + ")");
                    }
                }
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw StoreDatabase.fault("apply schema", e);
        }
    }

    /**
     * Serialises concurrent {@link #apply} calls on MariaDB and MySQL. Lock names are per server, so
     * the database's name is in it (cut to the 64 characters a name may have).
     */
    private static final String MARIADB_LOCK_NAME = "CONCAT('partner_auth:', LEFT(COALESCE(DATABASE(), ''), 50))";

    private static void lockMariaDb(Statement s) throws SQLException {
        try (java.sql.ResultSet rs = s.executeQuery("SELECT GET_LOCK(" + MARIADB_LOCK_NAME + ", 60)")) {
            if (!rs.next() || rs.getInt(1) != 1) {
                throw new SQLException("another node held partner-auth's schema lock for 60 seconds", "HYT00");
            }
        }
    }

    /** The two H2 statements that move the users' primary key to (partner_id, user_id). */
    private static final String H2_USERS_KEY_DROP = "ALTER TABLE partner_auth_users DROP PRIMARY KEY";
    private static final String H2_USERS_KEY_ADD = "ADD CONSTRAINT partner_auth_users_pkey";

    /** The first column of partner_auth_users' primary key, upper case, or "" when it has none. */
    private static String usersPrimaryKeyStart(Connection c) throws SQLException {
        try (java.sql.ResultSet keys = c.getMetaData().getPrimaryKeys(null, c.getSchema(), "PARTNER_AUTH_USERS")) {
            while (keys.next()) {
                if (keys.getShort("KEY_SEQ") == 1) {
                    return keys.getString("COLUMN_NAME").toUpperCase(java.util.Locale.ROOT);
                }
            }
        }
        return "";
    }

    /**
     * Checks that every table of {@link #TABLES} exists and can be read, changing nothing: for hosts
     * whose migration tool owns the schema.
     *
     * @throws IllegalStateException naming the first missing table and how to create it
     * @throws dev.partnerauth.StoreUnavailableException when the database cannot be reached
     */
    public static void verify(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw StoreDatabase.unavailable("verify schema", e);
        }
        try (c) {
            Dialect dialect = Dialect.of(c.getMetaData());
            for (String table : TABLES) {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT * FROM " + table + " WHERE 1 = 0");
                } catch (SQLException e) {
                    if (StoreDatabase.isOutage(e)) {
                        throw e;
                    }
                    throw new IllegalStateException("partner-auth's table " + table + " is missing from the database "
                            + "(or cannot be read: SQLState " + e.getSQLState() + "); create it from "
                            + "dev/partnerauth/jdbc/" + dialect.schemaResource + " in the partner-auth-core jar (PartnerAuthSchema.sql(Dialect."
                            + dialect.name() + ")) with your migration tool, or let partner-auth apply it (SchemaSetup.APPLY)", e);
                }
            }
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException e) {
            throw StoreDatabase.fault("verify schema", e);
        }
    }

    /** Splits a script at the semicolons that end a line, dropping comment lines. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\r?\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                out.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
