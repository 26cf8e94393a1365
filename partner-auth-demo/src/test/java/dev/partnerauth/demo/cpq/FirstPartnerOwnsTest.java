package dev.partnerauth.demo.cpq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.partnerauth.LaunchAction;
import dev.partnerauth.LaunchRequest;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.launch.LaunchAuthorizer;
import dev.partnerauth.user.UserInformation;
import java.time.Clock;
import java.util.UUID;
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
    void decideWhenRestartedOnTheSameDatabaseThenOwnershipKept() {
        new FirstPartnerOwns(database, Clock.systemUTC()).decide(NORTHWIND, USER, open("006A"));

        FirstPartnerOwns afterRestart = new FirstPartnerOwns(database, Clock.systemUTC());

        assertInstanceOf(LaunchAuthorizer.Refused.class, afterRestart.decide(CONTOSO, USER, open("006A")));
    }
}
