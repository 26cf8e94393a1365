package dev.partnerauth.internal.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.testing.SwitchableDataSource;
import dev.partnerauth.testing.TestDatabases;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StoreDatabaseTest {
    private static final String INSERT = "INSERT INTO t (id, v) VALUES (?, ?)";

    private DataSource h2;
    /** The one physical connection, handed out again after each close, as a pool does. */
    private Connection pooled;
    private StoreDatabase db;

    @BeforeEach
    void setUp() throws Exception {
        h2 = TestDatabases.h2();
        TestDatabases.execute(h2, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
        pooled = h2.getConnection();
        Connection handedOut = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(pooled, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        db = new StoreDatabase(new SwitchableDataSource(() -> handedOut), Duration.ofSeconds(5));
    }

    @AfterEach
    void tearDown() throws Exception {
        pooled.close();
        TestDatabases.drop(h2);
    }

    private List<Integer> ids() {
        return db.query("ids", "SELECT id FROM t ORDER BY id", StoreDatabase.Parameters.NONE, rs -> rs.getInt(1));
    }

    @Test
    void updateBatchWritesEveryRowAndHandsTheConnectionBackInAutoCommit() throws Exception {
        int n = db.updateBatch("test.insert", INSERT, List.of(1, 2, 3), (s, id) -> {
            s.setInt(1, id);
            s.setString(2, "v" + id);
        });

        assertEquals(3, n);
        assertEquals(List.of(1, 2, 3), ids());
        assertTrue(pooled.getAutoCommit());
    }

    @Test
    void updateBatchWhenOneRowRefusedThenNoneWritten() throws Exception {
        assertThrows(IllegalStateException.class, () -> db.updateBatch("test.insert", INSERT, List.of(1, 2, 1),
                (s, id) -> {
                    s.setInt(1, id);
                    s.setString(2, "v" + id);
                }));

        assertEquals(List.of(), ids());
        assertTrue(pooled.getAutoCommit());
    }

    @Test
    void updateBatchWhenNoItemsThenNoConnection() {
        StoreDatabase refusing = new StoreDatabase(new SwitchableDataSource(() -> {
            throw new AssertionError("no connection needed");
        }), Duration.ofSeconds(5));

        assertEquals(0, refusing.updateBatch("test.insert", INSERT, List.<Integer>of(), (s, id) -> s.setInt(1, id)));
    }
    @Test
    void encodeListWhenValuesHoldNewlinesAndBackslashesThenDecodesToTheSame() {
        List<String> values = List.of("a", "line\nbreak", "back\\slash", "\\n literal", "cr\r", "");
        assertEquals(values, StoreDatabase.decodeList(StoreDatabase.encodeList(values)));
    }

    @Test
    void encodeListWhenEmptyThenNullAndBack() {
        assertNull(StoreDatabase.encodeList(List.of()));
        assertEquals(List.of(), StoreDatabase.decodeList(null));
    }

    @Test
    void encodeListWhenOneEmptyStringThenDistinctFromNoValue() {
        assertEquals(List.of(""), StoreDatabase.decodeList(StoreDatabase.encodeList(List.of(""))));
    }
}
