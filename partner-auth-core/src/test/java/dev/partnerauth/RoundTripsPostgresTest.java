package dev.partnerauth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.partnerauth.allowlist.IpAllowlist;
import dev.partnerauth.crm.CrmSystem;
import dev.partnerauth.key.IssuedKey;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.key.PresentedKey;
import dev.partnerauth.settings.AuthenticatorSettings;
import dev.partnerauth.testing.MutableClock;
import dev.partnerauth.testing.TestDatabases;
import dev.partnerauth.user.UserInformation;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What each Partner API call costs PostgreSQL on the request thread in the cluster configuration,
 * counted at the JDBC boundary: every statement executed and every commit. A statement that only
 * reads ({@code SELECT}) is a read; anything else, composed statements included, is a write.
 */
class RoundTripsPostgresTest {
    private static final InetAddress PRM = InetAddress.getLoopbackAddress();
    private static final LaunchRequest OPEN = new LaunchRequest(LaunchAction.OPEN_QUOTE, "006A", "Q-1");

    private final MutableClock clock = new MutableClock();
    private final DataSource real = TestDatabases.freshPostgresSchema();
    private final CountingDataSource counted = new CountingDataSource(real);

    @AfterEach
    void drop() {
        TestDatabases.drop(real);
    }

    private PartnerAuth node(boolean cacheReads) {
        PartnerAuth.Builder b = PartnerAuth.builder().keyPepper(KeyPepper.of(new byte[32]))
                .publicBaseUrl(URI.create("https://cpq.example.com")).clock(clock).ticker(clock.ticker())
                .slf4jAudit(false).database(counted);
        return (cacheReads ? b.cacheStoreReads(Duration.ofSeconds(1)) : b).build();
    }

    private static AuthenticateRequest signIn(IssuedKey key, String userId) {
        return new AuthenticateRequest(PresentedKey.of(key.plaintext()), new UserInformation(userId, userId,
                userId + "@partner.example", "Partner " + userId, null, null, null, null, null, null, null, null, null,
                null, null));
    }

    /** One sign-in pair and its landing, counted call by call: reads and writes of each. */
    private List<Trips> pair(PartnerAuth node, IssuedKey key) {
        return pair(node, key, "u-1");
    }

    private List<Trips> pair(PartnerAuth node, IssuedKey key, String userId) {
        counted.reset();
        String token = node.authenticate(signIn(key, userId), PRM).value();
        Trips authenticate = counted.reset();
        Launch launch = node.launch(OPEN, token, PRM);
        Trips open = counted.reset();
        node.redeemLaunchCode(launch.url().getRawQuery().substring("launch=".length()), PRM);
        Trips landing = counted.reset();
        return List.of(authenticate, open, landing);
    }

    @Test
    void callsWhenReturningUserAndReadsCachedThenAuthenticateOneWriteAndRedemptionsOneReadOneWrite() {
        PartnerAuth node = node(true);
        node.updateSettings(new AuthenticatorSettings(true, CrmSystem.SALESFORCE, List.of()), "admin");
        IssuedKey key = node.createKey("Acme PRM", IpAllowlist.ANY, null, "admin");
        pair(node, key); // the first sign-in provisions the user
        pair(node, key); // the key's last use was recorded within the second: not again

        List<Trips> warm = pair(node, key);

        assertEquals(new Trips(0, 1), warm.get(0), "authenticate/user: " + warm.get(0).statements);
        assertEquals(new Trips(1, 1), warm.get(1), "open/quote: " + warm.get(1).statements);
        assertEquals(new Trips(1, 1), warm.get(2), "landing: " + warm.get(2).statements);
    }

    @Test
    void callsWhenFirstSignInAndKeyUseDueThenStillOneWriteEach() {
        PartnerAuth node = node(true);
        node.updateSettings(new AuthenticatorSettings(true, CrmSystem.SALESFORCE, List.of()), "admin");
        IssuedKey key = node.createKey("Acme PRM", IpAllowlist.ANY, null, "admin");
        pair(node, key, "u-0"); // the database's first token-signing key is stored once, not per call
        clock.advance(Duration.ofSeconds(2)); // past the key's last-use resolution and the read caches

        List<Trips> first = pair(node, key, "u-1");

        assertEquals(1, first.get(0).writes, "authenticate/user: user upsert, grant, audit, key use in one: "
                + first.get(0).statements);
        assertEquals(new Trips(1, 1), first.get(1), "open/quote: " + first.get(1).statements);
        assertEquals(new Trips(1, 1), first.get(2), "landing: " + first.get(2).statements);
    }

    @Test
    void callsWhenReadsNotCachedThenStillOneWritePerCall() {
        PartnerAuth node = node(false);
        node.updateSettings(new AuthenticatorSettings(true, CrmSystem.SALESFORCE, List.of()), "admin");
        IssuedKey key = node.createKey("Acme PRM", IpAllowlist.ANY, null, "admin");
        pair(node, key);

        List<Trips> warm = pair(node, key);

        assertEquals(1, warm.get(0).writes, "authenticate/user: " + warm.get(0).statements);
        assertEquals(new Trips(1, 1), warm.get(1), "open/quote: " + warm.get(1).statements);
        assertEquals(new Trips(1, 1), warm.get(2), "landing: " + warm.get(2).statements);
    }

    /** Statements of one call: reads, writes (commits count as writes), and their SQL for the message. */
    record Trips(int reads, int writes, List<String> statements) {
        Trips(int reads, int writes) {
            this(reads, writes, List.of());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Trips t && t.reads == reads && t.writes == writes;
        }

        @Override
        public int hashCode() {
            return 31 * reads + writes;
        }
    }

    /** Counts what the connections it hands out execute and commit. */
    private static final class CountingDataSource implements DataSource {
        private final DataSource real;
        private final List<String> executed = new CopyOnWriteArrayList<>();

        CountingDataSource(DataSource real) {
            this.real = real;
        }

        Trips reset() {
            List<String> statements = List.copyOf(executed);
            executed.clear();
            int reads = (int) statements.stream().filter(RoundTripsPostgresTest::isRead).count();
            return new Trips(reads, statements.size() - reads, statements);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return wrap(real.getConnection());
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return wrap(real.getConnection(user, password));
        }

        private Connection wrap(Connection c) {
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("commit")) {
                            executed.add("COMMIT");
                        }
                        Object result = invoke(method, c, args);
                        if (result instanceof PreparedStatement s && method.getName().equals("prepareStatement")) {
                            return statement(s, PreparedStatement.class, (String) args[0]);
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
                    executed.add(prepared != null ? prepared : String.valueOf(args[0]));
                }
                return invoke(method, s, args);
            });
        }

        private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return real.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            real.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            real.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return real.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return real.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return real.isWrapperFor(iface);
        }
    }

    private static boolean isRead(String sql) {
        return sql.stripLeading().toUpperCase(Locale.ROOT).startsWith("SELECT");
    }
}
