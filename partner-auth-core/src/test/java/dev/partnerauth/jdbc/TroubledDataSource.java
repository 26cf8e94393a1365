package dev.partnerauth.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Wraps a data source to stage trouble: it can be switched down (every connection attempt fails
 * with SQLState 08001, as a refused connection does), it counts connections not yet returned, and
 * it can hand out connections outside auto-commit, as some pools are configured to.
 */
final class TroubledDataSource implements DataSource {
    private final DataSource real;
    private final boolean manualCommit;
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean down;

    TroubledDataSource(DataSource real, boolean manualCommit) {
        this.real = real;
        this.manualCommit = manualCommit;
    }

    void down() {
        down = true;
    }

    void up() {
        down = false;
    }

    int openConnections() {
        return open.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (down) {
            throw new SQLNonTransientConnectionException("Connection refused", "08001");
        }
        Connection c = real.getConnection();
        if (manualCommit) {
            c.setAutoCommit(false);
        }
        open.incrementAndGet();
        boolean[] closed = {false};
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && !closed[0]) {
                        closed[0] = true;
                        open.decrementAndGet();
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException();
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
