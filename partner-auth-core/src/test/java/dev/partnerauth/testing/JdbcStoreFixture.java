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
 * <p>On PostgreSQL one schema serves the whole class and every row is deleted before each test,
 * because creating a schema costs far more than emptying one; on H2 every test gets a fresh
 * in-memory database. Tests of one class must not run concurrently.
 *
 * @param <S> the store
 */
public final class JdbcStoreFixture<S> implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    private final boolean postgres;
    private final Function<DataSource, S> newStore;
    private DataSource ds;
    private S store;

    private JdbcStoreFixture(boolean postgres, Function<DataSource, S> newStore) {
        this.postgres = postgres;
        this.newStore = Objects.requireNonNull(newStore, "newStore");
    }

    /** The store on a schema of its own on the local PostgreSQL server, see {@link TestDatabases}. */
    public static <S> JdbcStoreFixture<S> postgres(Function<DataSource, S> newStore) {
        return new JdbcStoreFixture<>(true, newStore);
    }

    /** The store on an in-memory H2 database. */
    public static <S> JdbcStoreFixture<S> h2(Function<DataSource, S> newStore) {
        return new JdbcStoreFixture<>(false, newStore);
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
        if (postgres) {
            ds = TestDatabases.postgresWithSchema();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (postgres) {
            TestDatabases.deleteAllRows(ds);
        } else {
            ds = TestDatabases.h2WithSchema();
        }
        store = newStore.apply(ds);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        store = null;
        if (!postgres) {
            dropDatabase();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (postgres) {
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
