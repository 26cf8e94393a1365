package dev.partnerauth.demo.cpq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.partnerauth.LaunchAction;
import dev.partnerauth.LaunchRequest;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.launch.LaunchAuthorizer;
import dev.partnerauth.user.UserInformation;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class FirstPartnerOwnsTest {
    private static final PartnerId NORTHWIND = new PartnerId("prt_northwind0000000");
    private static final PartnerId CONTOSO = new PartnerId("prt_contoso000000000");
    private static final UserInformation USER = new UserInformation("u-100", "l", "u@x.example", "U", null, null, null,
            null, null, null, null, null, null, null, null);

    private final JdbcDataSource database = new JdbcDataSource();

    FirstPartnerOwnsTest() {
        database.setURL("jdbc:h2:mem:owners-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    private static LaunchRequest open(String opportunity) {
        return new LaunchRequest(LaunchAction.OPEN_OPPORTUNITY, opportunity, null);
    }

    @Test
    void decideWhenAnotherPartnerOpenedItFirstThenRefusedNamingTheOwner() {
        FirstPartnerOwns owners = new FirstPartnerOwns(database, Clock.systemUTC());

        assertInstanceOf(LaunchAuthorizer.Allowed.class, owners.decide(NORTHWIND, USER, open("006A")));
        LaunchAuthorizer.Refused refused = assertInstanceOf(LaunchAuthorizer.Refused.class,
                owners.decide(CONTOSO, USER, new LaunchRequest(LaunchAction.OPEN_QUOTE, "006A", "Q-1")));

        assertEquals(true, refused.reason().contains(NORTHWIND.value()), refused.reason());
        assertInstanceOf(LaunchAuthorizer.Allowed.class, owners.decide(NORTHWIND, USER, open("006A")));
        assertInstanceOf(LaunchAuthorizer.Allowed.class, owners.decide(CONTOSO, USER, open("006B")));
    }

    @Test
    void decideWhenOpportunityIdsDifferOnlyInCaseOnMariaDbThenTwoOpportunities() {
        // Salesforce ids are case-sensitive; MariaDB's default collation is not
        javax.sql.DataSource mariaDb = dev.partnerauth.testing.TestDatabases.freshMariaDbDatabase();
        try {
            FirstPartnerOwns owners = new FirstPartnerOwns(mariaDb, Clock.systemUTC());
            assertInstanceOf(LaunchAuthorizer.Allowed.class, owners.decide(NORTHWIND, USER, open("006ABC")));
            assertInstanceOf(LaunchAuthorizer.Allowed.class, owners.decide(CONTOSO, USER, open("006abc")));
            assertInstanceOf(LaunchAuthorizer.Refused.class,
                    new FirstPartnerOwns(mariaDb, Clock.systemUTC()).decide(CONTOSO, USER, open("006ABC")));
        } finally {
            dev.partnerauth.testing.TestDatabases.drop(mariaDb);
        }
    }

    @Test
    void decideWhenRestartedOnTheSameDatabaseThenOwnershipKept() {
        new FirstPartnerOwns(database, Clock.systemUTC()).decide(NORTHWIND, USER, open("006A"));

        FirstPartnerOwns afterRestart = new FirstPartnerOwns(database, Clock.systemUTC());

        assertInstanceOf(LaunchAuthorizer.Refused.class, afterRestart.decide(CONTOSO, USER, open("006A")));
    }

    @Test
    void decideWhenTwoNodesRaceForOneOpportunityThenExactlyOnePartnerIsAllowed() throws Exception {
        // two instances on one database: two demo nodes, each with its own memory of owners
        FirstPartnerOwns node1 = new FirstPartnerOwns(database, Clock.systemUTC());
        FirstPartnerOwns node2 = new FirstPartnerOwns(database, Clock.systemUTC());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<LaunchAuthorizer.Decision> northwind = threads.submit(() -> {
                start.await();
                return node1.decide(NORTHWIND, USER, open("006R"));
            });
            Future<LaunchAuthorizer.Decision> contoso = threads.submit(() -> {
                start.await();
                return node2.decide(CONTOSO, USER, open("006R"));
            });
            start.countDown();
            List<LaunchAuthorizer.Decision> decisions = List.of(northwind.get(), contoso.get());

            assertEquals(1, decisions.stream().filter(LaunchAuthorizer.Allowed.class::isInstance).count(), decisions.toString());
            PartnerId winner = decisions.get(0) instanceof LaunchAuthorizer.Allowed ? NORTHWIND : CONTOSO;
            PartnerId loser = winner == NORTHWIND ? CONTOSO : NORTHWIND;
            for (FirstPartnerOwns node : List.of(node1, node2)) {
                assertInstanceOf(LaunchAuthorizer.Allowed.class, node.decide(winner, USER, open("006R")));
                assertInstanceOf(LaunchAuthorizer.Refused.class, node.decide(loser, USER, open("006R")));
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
