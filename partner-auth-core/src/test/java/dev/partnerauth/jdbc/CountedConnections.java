package dev.partnerauth.jdbc;

import dev.partnerauth.testing.SwitchableDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** Hands out a data source's connections and counts those not yet closed, to catch a store leaking one. */
final class CountedConnections implements SwitchableDataSource.Connector {
    private final DataSource real;
    private final AtomicInteger open = new AtomicInteger();

    CountedConnections(DataSource real) {
        this.real = real;
    }

    int open() {
        return open.get();
    }

    @Override
    public Connection connect() throws SQLException {
        Connection c = real.getConnection();
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
}
