package dev.partnerauth.testing;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source whose connections come from a {@link Connector}, with a switch a test flips to
 * stage an outage and end it: the stores hold one data source throughout, as a node does when its
 * database fails over or comes back.
 */
public final class SwitchableDataSource implements DataSource {
    private static final Connector REFUSED = () -> {
        throw new SQLNonTransientConnectionException("Connection refused", "08001");
    };

    /** Where a connection comes from: a data source, a pool, or a wrapper around either. */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws SQLException;
    }

    private final Connector normal;
    private volatile Connector current;

    /** Connections from {@code normal} until the switch is flipped. */
    public SwitchableDataSource(Connector normal) {
        this.normal = Objects.requireNonNull(normal, "normal");
        this.current = normal;
    }

    /** Connections from {@code real} until the switch is flipped. */
    public SwitchableDataSource(DataSource real) {
        this(Objects.requireNonNull(real, "real")::getConnection);
    }

    /** From now on connections come from {@code dead} (unreachable, silent, ...) until {@link #restore}. */
    public void cutOff(DataSource dead) {
        current = Objects.requireNonNull(dead, "dead")::getConnection;
    }

    /** From now on every attempt fails at once with SQLState 08001, as a refused connection does. */
    public void refuse() {
        current = REFUSED;
    }

    /** Connections come from where they did at first again. */
    public void restore() {
        current = normal;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return current.connect();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the stores use getConnection()");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
