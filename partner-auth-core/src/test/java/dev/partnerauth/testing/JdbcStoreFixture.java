package dev.partnerauth.testing;

import java.util.Objects;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JDBC store under test on a database with the partner-auth schema applied: every test gets a
 * new store on empty tables, and the database is dropped afterwards. Register it on a static
 * field of a store's contract test:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final JdbcStoreFixture<KeyStore> db = JdbcStoreFixture.postgres(JdbcKeyStore::new);
 *
 * protected KeyStore store() { return db.store(); }
 * }</pre>
 *
 * <p>On PostgreSQL and MariaDB one schema (database) serves the whole class and every row is deleted before each test,
 * because creating a schema costs far more than emptying one; on H2 every test gets a fresh
 * in-memory database. Tests of one class must not run concurrently.
 *
 * @param <S> the store
 */
public final class JdbcStoreFixture<S> implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    /** The database one class shares, emptied before each test; null for a fresh H2 per test. */
    private final java.util.function.Supplier<DataSource> shared;
    private final Function<DataSource, S> newStore;
    private DataSource ds;
    private S store;

    private JdbcStoreFixture(java.util.function.Supplier<DataSource> shared, Function<DataSource, S> newStore) {
        this.shared = shared;
        this.newStore = Objects.requireNonNull(newStore, "newStore");
    }

    /** The store on a schema of its own on the local PostgreSQL server, see {@link TestDatabases}. */
    public static <S> JdbcStoreFixture<S> postgres(Function<DataSource, S> newStore) {
        return new JdbcStoreFixture<>(TestDatabases::postgresWithSchema, newStore);
    }

    /** The store on a database of its own on the local MariaDB server, see {@link TestDatabases}. */
    public static <S> JdbcStoreFixture<S> mariaDb(Function<DataSource, S> newStore) {
        return new JdbcStoreFixture<>(TestDatabases::mariaDbWithSchema, newStore);
    }

    /** The store on an in-memory H2 database. */
    public static <S> JdbcStoreFixture<S> h2(Function<DataSource, S> newStore) {
        return new JdbcStoreFixture<>(null, newStore);
    }

    /** The current test's store: the same instance throughout one test. */
    public S store() {
        return running(store);
    }

    /** The current test's database, for instance for a second node's store on the same rows. */
    public DataSource dataSource() {
        return running(ds);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (shared != null) {
            ds = shared.get();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (shared != null) {
            TestDatabases.deleteAllRows(ds);
        } else {
            ds = TestDatabases.h2WithSchema();
        }
        store = newStore.apply(ds);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        store = null;
        if (shared == null) {
            dropDatabase();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (shared != null) {
            dropDatabase();
        }
    }

    private void dropDatabase() {
        TestDatabases.drop(ds);
        ds = null;
    }

    private static <T> T running(T value) {
        if (value == null) {
            throw new IllegalStateException("no test is running; register JdbcStoreFixture on a static field");
        }
        return value;
    }
}
