package dev.partnerauth.servlet;

import static dev.partnerauth.servlet.PartnerAuthFixture.ADMIN_PASSWORD;
import static dev.partnerauth.servlet.PartnerAuthFixture.ADMIN_USER;
import static dev.partnerauth.servlet.PartnerAuthFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.PartnerAuth;
import dev.partnerauth.servlet.testing.Http;
import dev.partnerauth.testing.MutableClock;
import dev.partnerauth.testing.TestDatabases;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.session.DatabaseAdaptor;
import org.eclipse.jetty.session.JDBCSessionDataStoreFactory;
import org.eclipse.jetty.session.NullSessionCache;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sessions shared in the database, no stickiness: two Jetty nodes keep their HTTP sessions in one
 * {@code JDBCSessionDataStore} (no session cache, so each request reads the session row) on the
 * database that partner-auth also uses, and the load balancer sends the browser to either. A
 * sign-out sent to node A ends the user's session within 5 s whichever node the browser reaches,
 * while another user of the partner stays signed in.
 */
class SharedJdbcSessionsSignOutHttpTest {
    private final MutableClock clock = new MutableClock();
    private DataSource database;
    private Server a;
    private Server b;

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("H2", (Supplier<DataSource>) TestDatabases::h2WithSchema),
                Arguments.of("PostgreSQL", (Supplier<DataSource>) TestDatabases::postgresWithSchema));
    }

    @AfterEach
    void stop() throws Exception {
        for (Server s : new Server[] {a, b}) {
            if (s != null) {
                s.stop();
            }
        }
        if (database != null) {
            TestDatabases.drop(database);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void signOutWhenSessionsSharedInTheDatabaseThenEndedOnEveryNodeWithinFiveSecondsAndColleagueStays(
            String name, Supplier<DataSource> fresh) throws Exception {
        database = fresh.get();
        DataSource ofB = database instanceof JdbcDataSource h2 ? sameH2(h2) : database;
        PartnerAuth authA = MultiNodeFixture.onDatabase(database, clock);
        PartnerAuth authB = MultiNodeFixture.onDatabase(ofB, clock);
        a = node(authA, database);
        b = node(authB, ofB);
        URI nodeA = uri(a);
        URI nodeB = uri(b);
        assertEquals(200, admin(nodeA, "PUT", "settings", "{\"enabled\":true,\"crm\":\"SALESFORCE\"}").status());
        Map<String, Object> created = json(admin(nodeA, "POST", "keys", "{\"name\":\"Acme PRM\"}"));
        String key = (String) created.get("key");
        // each signs in on A; their browsers then go wherever the balancer sends them
        String leaving = signIn(nodeA, key, "user-1");
        String colleague = signIn(nodeA, key, "user-2");
        assertTrue(whoAmI(nodeB, leaving).endsWith(":user-1"), "the session is B's too: it is in the database");

        Http.Response signedOut = Http.plain().post(nodeA.resolve("/api/v1/signout/user"),
                "{\"authentication\":\"" + key + "\",\"user_id\":\"user-1\"}", Map.of());
        assertEquals(200, signedOut.status(), signedOut::body);
        String onAAtOnce = whoAmI(nodeA, leaving);
        clock.advance(Duration.ofSeconds(5));

        assertEquals("", onAAtOnce, "the node that took the call ends it at once");
        assertEquals("", whoAmI(nodeB, leaving), "the other node within 5 s");
        assertTrue(whoAmI(nodeB, colleague).endsWith(":user-2"), "another user of the partner stays signed in");
        assertTrue(whoAmI(nodeA, colleague).endsWith(":user-2"));
        String again = signIn(nodeB, key, "user-1");
        assertTrue(whoAmI(nodeA, again).endsWith(":user-1"), "the user signs in again, on either node");
    }

    private static JdbcDataSource sameH2(JdbcDataSource first) {
        JdbcDataSource second = new JdbcDataSource();
        second.setURL(first.getURL());
        return second;
    }

    /** A Jetty node whose HTTP sessions live in {@code db}, read on every request. */
    private static Server node(PartnerAuth auth, DataSource db) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/", ServletContextHandler.SESSIONS);
        SessionHandler sessions = context.getSessionHandler();
        NullSessionCache cache = new NullSessionCache(sessions);
        // written before the answer leaves, so the browser's next request, on the other node, finds it
        cache.setFlushOnResponseCommit(true);
        DatabaseAdaptor adaptor = new DatabaseAdaptor();
        adaptor.setDatasource(db);
        JDBCSessionDataStoreFactory stores = new JDBCSessionDataStoreFactory();
        stores.setDatabaseAdaptor(adaptor);
        cache.setSessionDataStore(stores.getSessionDataStore(sessions));
        sessions.setSessionCache(cache);
        context.addServletContainerInitializer(new ServletContainerInitializer() {
            @Override
            public void onStartup(Set<Class<?>> classes, ServletContext ctx) {
                PartnerAuthFilters.builder(auth).adminAuthorizer(new BasicAdminAuthorizer(ADMIN_USER, ADMIN_PASSWORD))
                        .build().register(ctx);
                ctx.addServlet("who-am-i", new HttpServlet() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                        response.getWriter().write(request.getRemoteUser() == null ? "" : request.getRemoteUser());
                    }
                }).addMapping(MultiNodeFixture.WHO_AM_I);
            }
        });
        server.setHandler(context);
        server.start();
        return server;
    }

    private static URI uri(Server server) {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/");
    }

    private static Http.Response admin(URI node, String method, String resource, String body) {
        return Http.plain().send(method, node.resolve(PartnerAuthFilters.ADMIN_PREFIX + resource), body,
                PartnerAuthFixture.adminCredentials());
    }

    /** The flow on {@code node}, as the PRM and the browser make it; answers the session cookie. */
    private static String signIn(URI node, String key, String userId) {
        String body = "{\"authentication\":\"" + key + "\",\"user_information\":{\"type\":\"partner\",\"user_id\":\""
                + userId + "\",\"login\":\"" + userId + "\",\"email\":\"" + userId + "@partner.example\",\"name\":\"P\"}}";
        Http.Response token = Http.plain().post(node.resolve("/api/v1/authenticate/user"), body, Map.of());
        assertEquals(200, token.status(), token::body);
        Http.Response launched = Http.plain().post(node.resolve("/api/v1/create/quote"),
                "{\"opportunity_id\":\"" + MultiNodeFixture.OPPORTUNITY_ID + "\"}",
                Map.of("Authorization", "Bearer " + json(token).get("access_token")));
        assertEquals(200, launched.status(), launched::body);
        Http.Response landed = Http.plain().get(node.resolve(PartnerAuthFixture.pathAndQuery((String) json(launched).get("url"))),
                Map.of("Sec-Fetch-Mode", "navigate", "Sec-Fetch-Dest", "document", "Sec-Fetch-Site", "cross-site"));
        assertEquals(303, landed.status(), landed::body);
        return PartnerAuthFixture.sessionCookie(landed).orElseThrow();
    }

    private static String whoAmI(URI node, String cookie) {
        Http.Response r = Http.plain().get(node.resolve(MultiNodeFixture.WHO_AM_I.substring(1)), Map.of("Cookie", cookie));
        assertEquals(200, r.status(), r::body);
        return r.body();
    }
}
