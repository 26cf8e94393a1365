package dev.partnerauth.internal.jdbc;

import dev.partnerauth.StoreUnavailableException;
import dev.partnerauth.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * What every JDBC store shares: one borrowed connection per call, always returned; a query timeout
 * on every statement; a commit when the pool hands out connections outside auto-commit; and
 * {@link SQLException}s turned into the library's faults: {@link StoreUnavailableException} (503,
 * retry later) when the database cannot be reached or does not answer in time, {@link
 * IllegalStateException} for anything else.
 *
 * <p>Public only so that each JDBC store, which sits beside its interface in another package, can
 * share it; hosts have no use for it, and like everything under {@code dev.partnerauth.internal}
 * it may change in any release.
 */
public final class StoreDatabase {
    /** The query timeout of a store built without one. */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(5);

    /** Binds the parameters of a statement. */
    @FunctionalInterface
    public interface Parameters {
        Parameters NONE = s -> { };

        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Binds the parameters of one row of a batch. */
    @FunctionalInterface
    public interface BatchParameters<T> {
        void bind(PreparedStatement statement, T item) throws SQLException;
    }

    /** Reads the current row of a result. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Statements run on one connection in one transaction, see {@link #inTransaction}. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** How often a transaction that lost a serialization race is run again before it is a fault. */
    private static final int SERIALIZATION_RETRIES = 3;

    private final DataSource dataSource;
    private final int queryTimeoutSeconds;
    private volatile Dialect dialect;

    /**
     * @param queryTimeout applied to every statement; JDBC counts it in whole seconds, so it is
     *                     rounded up to at least one
     */
    public StoreDatabase(DataSource dataSource, Duration queryTimeout) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(queryTimeout, "queryTimeout");
        if (queryTimeout.isNegative() || queryTimeout.isZero()) {
            throw new IllegalArgumentException("queryTimeout must be positive: without one a stalled database hangs requests");
        }
        long seconds = queryTimeout.plusNanos(999_999_999).getSeconds();
        this.queryTimeoutSeconds = (int) Math.min(Integer.MAX_VALUE, seconds);
    }

    /** The database's dialect, asked of the driver once, on first use rather than at start-up. */
    public Dialect dialect() {
        Dialect known = dialect;
        if (known == null) {
            try (Connection c = connect("detect dialect")) {
                known = Dialect.of(c.getMetaData());
            } catch (SQLException e) {
                throw fault("detect dialect", e);
            }
            dialect = known;
        }
        return known;
    }

    /**
     * The dialect, asked of the connection a statement already holds when not known yet: binding a
     * value must never borrow a second connection, or a full pool deadlocks (seen: ten concurrent
     * launches on a pool of ten, each waiting 5 s for a connection to "detect dialect", answered 503).
     */
    private Dialect dialectOf(Connection c) throws SQLException {
        Dialect known = dialect;
        if (known == null) {
            known = Dialect.of(c.getMetaData());
            dialect = known;
        }
        return known;
    }

    /** Runs an INSERT, UPDATE, DELETE or MERGE; returns the row count. */
    public int update(String operation, String sql, Parameters parameters) {
        try (Connection c = connect(operation)) {
            boolean manual = !c.getAutoCommit();
            try (PreparedStatement s = prepare(c, sql)) {
                parameters.bind(s);
                int count = s.executeUpdate();
                commit(c, manual);
                return count;
            } catch (SQLException | RuntimeException e) {
                rollback(c, manual, e);
                throw e;
            }
        } catch (SQLException e) {
            throw fault(operation, e);
        }
    }

    /**
     * Runs one INSERT, UPDATE or DELETE for each item as one JDBC batch in one transaction: every
     * row is written or, on failure, none is. A connection handed out in auto-commit is returned in
     * auto-commit. Nothing is done for an empty list.
     *
     * @return the number of items
     */
    public <T> int updateBatch(String operation, String sql, List<T> items, BatchParameters<? super T> parameters) {
        if (items.isEmpty()) {
            return 0;
        }
        try (Connection c = connect(operation)) {
            boolean autoCommit = c.getAutoCommit();
            if (autoCommit) {
                c.setAutoCommit(false);
            }
            try (PreparedStatement s = prepare(c, sql)) {
                for (T item : items) {
                    parameters.bind(s, item);
                    s.addBatch();
                }
                s.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c, true, e);
                if (autoCommit) {
                    try {
                        c.setAutoCommit(true);
                    } catch (SQLException restore) {
                        e.addSuppressed(restore);
                    }
                }
                throw e;
            }
            if (autoCommit) {
                c.setAutoCommit(true);
            }
            return items.size();
        } catch (SQLException e) {
            throw fault(operation, e);
        }
    }

    /**
     * Runs {@code work} in one transaction on one connection and commits it; anything it throws
     * rolls it back, a rejection thrown by the work passing through unchanged. A transaction that a
     * REPEATABLE READ or SERIALIZABLE pool aborts for a concurrent change is run again, a few
     * times. Statements must come from {@link #statement}, which sets the query timeout. A
     * connection handed out in auto-commit is returned in auto-commit.
     */
    public <T> T inTransaction(String operation, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactionOnce(operation, work);
            } catch (RuntimeException e) {
                if (attempt >= SERIALIZATION_RETRIES || !isSerializationFailure(e)) {
                    throw e;
                }
            }
        }
    }

    private <T> T transactionOnce(String operation, Work<T> work) {
        try (Connection c = connect(operation)) {
            boolean autoCommit = c.getAutoCommit();
            if (autoCommit) {
                c.setAutoCommit(false);
            }
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c, true, e);
                throw e;
            } finally {
                if (autoCommit) {
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw fault(operation, e);
        }
    }

    /** A statement on a connection of {@link #inTransaction}, with this store's query timeout. */
    public PreparedStatement statement(Connection c, String sql) throws SQLException {
        return prepare(c, sql);
    }

    /**
     * Like {@link #update} but answers false, instead of failing, when a unique constraint refused
     * the row: for inserts that several nodes may race to make.
     */
    public boolean insertUnlessDuplicate(String operation, String sql, Parameters parameters) {
        for (int attempt = 1; ; attempt++) {
            try {
                return update(operation, sql, parameters) > 0;
            } catch (IllegalStateException | StoreUnavailableException e) {
                if (isUniqueViolation(e)) {
                    return false;
                }
                // InnoDB may answer two racing INSERT ... SELECTs with a deadlock (its next-key
                // locks) rather than a duplicate: the loser was rolled back, and its retry sees the row
                if (attempt >= SERIALIZATION_RETRIES || !isSerializationFailure(e)) {
                    throw e;
                }
            }
        }
    }

    /** True when a fault raised here was a unique or primary key constraint refusing a row. */
    public static boolean isUniqueViolation(RuntimeException fault) {
        return fault instanceof IllegalStateException && fault.getCause() instanceof SQLException s
                && ("23505".equals(s.getSQLState())
                        // MariaDB and MySQL say 23000 for every integrity violation; 1062 is the duplicate key
                        || "23000".equals(s.getSQLState()) && s.getErrorCode() == ER_DUP_ENTRY);
    }

    /** MariaDB's and MySQL's error code for a duplicate key. */
    private static final int ER_DUP_ENTRY = 1062;
    /** MariaDB's and MySQL's error code for a lock wait timeout (SQLState HY000). */
    private static final int ER_LOCK_WAIT_TIMEOUT = 1205;

    /**
     * True when a fault raised here was the database giving up a transaction because another one
     * changed the same rows first: SQLState 40001 (serialization failure, which PostgreSQL raises
     * under REPEATABLE READ and SERIALIZABLE, H2, MariaDB and MySQL on a deadlock) or PostgreSQL's
     * 40P01 (deadlock).
     * For a single-use consumption that means another caller won the race.
     */
    public static boolean isSerializationFailure(RuntimeException fault) {
        for (Throwable t = fault.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s && ("40001".equals(s.getSQLState()) || "40P01".equals(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs a statement that yields rows: a SELECT, or a data-changing statement that returns what
     * it changed ({@code DELETE ... RETURNING}, H2's {@code OLD TABLE (DELETE ...)}), which is
     * committed before the rows are handed back.
     */
    public <T> List<T> query(String operation, String sql, Parameters parameters, Row<T> row) {
        try (Connection c = connect(operation)) {
            boolean manual = !c.getAutoCommit();
            try (PreparedStatement s = prepare(c, sql)) {
                parameters.bind(s);
                List<T> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row.read(rs));
                    }
                }
                commit(c, manual);
                return rows;
            } catch (SQLException | RuntimeException e) {
                rollback(c, manual, e);
                throw e;
            }
        } catch (SQLException e) {
            throw fault(operation, e);
        }
    }

    private Connection connect(String operation) {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            // whatever the state, no connection means the database is out of reach for now
            throw unavailable(operation, e);
        }
    }

    private PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        try {
            s.setQueryTimeout(queryTimeoutSeconds);
        } catch (SQLException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private static void commit(Connection c, boolean manual) throws SQLException {
        if (manual) {
            c.commit();
        }
    }

    private static void rollback(Connection c, boolean manual, Exception failure) {
        if (manual) {
            try {
                c.rollback();
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** Maps a failure to a fault: an outage becomes {@link StoreUnavailableException}. */
    public static RuntimeException fault(String operation, SQLException e) {
        if (isOutage(e)) {
            return unavailable(operation, e);
        }
        return new IllegalStateException("partner-auth store operation '" + operation + "' failed (SQLState "
                + e.getSQLState() + ")", e);
    }

    public static StoreUnavailableException unavailable(String operation, SQLException e) {
        return new StoreUnavailableException("The partner-auth database is unavailable or did not answer in time ("
                + operation + ", SQLState " + e.getSQLState() + "); retry later", e);
    }

    /**
     * True for failures that a retry can cure: no connection (class 08), a timeout or cancel, a
     * server shutting down or out of connections, a deadlock or serialisation failure.
     */
    public static boolean isOutage(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("08") // connection exception
                        || state.equals("57014") // statement cancelled: the query timeout (PostgreSQL, H2)
                        || state.startsWith("57P") // PostgreSQL shutting down or not yet accepting connections
                        || state.startsWith("53") // PostgreSQL insufficient resources, too many connections
                        || state.equals("40001") || state.equals("40P01") // serialisation failure, deadlock
                        || state.equals("HYT00") || state.equals("HYT01") // timeout expired (H2 lock timeout)
                        || state.equals("70100") // MariaDB: statement interrupted (max_statement_time)
                        || s.getErrorCode() == ER_LOCK_WAIT_TIMEOUT && state.equals("HY000")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * Binds an instant, or SQL NULL, to the microsecond: as a timestamp with time zone on PostgreSQL
     * and H2; on MariaDB and MySQL, which have no such type, as the UTC date and time of a {@code
     * DATETIME(6)}, since their driver would shift an {@code OffsetDateTime} into the JVM's time zone
     * (measured with Connector/J 3.5.7) and nodes in different zones would disagree.
     */
    public void setInstant(PreparedStatement s, int index, Instant instant) throws SQLException {
        boolean utcDateTime = dialectOf(s.getConnection()) == Dialect.MARIADB;
        if (instant == null) {
            s.setNull(index, utcDateTime ? Types.TIMESTAMP : Types.TIMESTAMP_WITH_TIMEZONE);
        } else if (utcDateTime) {
            s.setObject(index, LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
        } else {
            s.setObject(index, OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
        }
    }

    /** Reads what {@link #setInstant} wrote as an instant, or {@code null}. */
    public Instant getInstant(ResultSet rs, String column) throws SQLException {
        if (dialectOf(rs.getStatement().getConnection()) == Dialect.MARIADB) {
            LocalDateTime t = rs.getObject(column, LocalDateTime.class);
            return t == null ? null : t.toInstant(ZoneOffset.UTC);
        }
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /**
     * Encodes a list of strings in one text column: one per line, with backslash and newline
     * escaped so that any string survives; an empty list is SQL NULL, so that a list holding one
     * empty string stays distinct from it.
     */
    public static String encodeList(Collection<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        boolean first = true;
        for (String v : values) {
            if (!first) {
                b.append('\n');
            }
            first = false;
            b.append(v.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r"));
        }
        return b.toString();
    }

    /** Decodes what {@link #encodeList} wrote. */
    public static List<String> decodeList(String text) {
        if (text == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                out.add(current.toString());
                current.setLength(0);
            } else if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                current.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString());
        return out;
    }
}
