package dev.partnerauth.testing;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source in front of a real one that notes the SQL of every statement its connections
 * execute, in order, so that a test counts the round trips a call makes. Each {@code execute*}
 * of a statement is one entry (a JDBC batch is one). Thread-safe.
 */
public final class StatementLog implements DataSource {
    private final DataSource real;
    private final List<String> executed = new ArrayList<>();

    public StatementLog(DataSource real) {
        this.real = Objects.requireNonNull(real, "real");
    }

    /** The statements executed since the last {@link #clear}, in order. */
    public synchronized List<String> executed() {
        return List.copyOf(executed);
    }

    public synchronized void clear() {
        executed.clear();
    }

    /** Whether {@code sql} only reads: a SELECT (an upsert that returns its row is a write). */
    public static boolean isRead(String sql) {
        return sql.stripLeading().toUpperCase(Locale.ROOT).startsWith("SELECT")
                && !sql.toUpperCase(Locale.ROOT).contains("FINAL TABLE") && !sql.toUpperCase(Locale.ROOT).contains("OLD TABLE");
    }

    /** The statements since the last {@link #clear} that only read. */
    public List<String> reads() {
        return executed().stream().filter(StatementLog::isRead).toList();
    }

    private synchronized void note(String sql) {
        executed.add(sql);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c = real.getConnection();
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(c, method, args);
                    if (result instanceof PreparedStatement ps && method.getName().equals("prepareStatement")) {
                        return statement(ps, PreparedStatement.class, (String) args[0]);
                    }
                    if (result instanceof Statement s && method.getName().equals("createStatement")) {
                        return statement(s, Statement.class, null);
                    }
                    return result;
                });
    }

    private Object statement(Statement s, Class<? extends Statement> type, String prepared) {
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().startsWith("execute")) {
                note(prepared != null ? prepared : args != null && args.length > 0 ? String.valueOf(args[0]) : "batch");
            }
            return invoke(s, method, args);
        });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
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
