package dev.partnerauth.demo.cpq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Quotes belong to a partner, even on an opportunity that the host lets two partners open. */
class QuoteStoreTest {
    private static final String NORTHWIND = "prt_northwind0000000";
    private static final String CONTOSO = "prt_contoso000000000";

    private final QuoteStore quotes;

    QuoteStoreTest() {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:quotes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        quotes = new QuoteStore(database);
    }

    private static Quote quote(String id, String partner) {
        return new Quote(id, partner, "006SHARED", "Quote " + id, BigDecimal.TEN, "partner:" + partner + ":u-100",
                Instant.parse("2030-01-01T00:00:00Z"), null);
    }

    @Test
    void forOpportunityWhenTwoPartnersQuotedItThenEachSeesOnlyItsOwn() {
        quotes.insert(quote("Q-N", NORTHWIND));
        quotes.insert(quote("Q-C", CONTOSO));

        assertEquals(List.of("Q-N"), quotes.forOpportunity(NORTHWIND, "006SHARED").stream().map(Quote::id).toList());
        assertEquals(List.of("Q-C"), quotes.forOpportunity(CONTOSO, "006SHARED").stream().map(Quote::id).toList());
    }

    @Test
    void markSyncedWhenAnotherPartnersQuoteThenUnchanged() {
        quotes.insert(quote("Q-N", NORTHWIND));

        quotes.markSynced(CONTOSO, "Q-N", "006SHARED", "Salesforce as someone");

        assertEquals(null, quotes.find("Q-N").orElseThrow().syncedAs());
        quotes.markSynced(NORTHWIND, "Q-N", "006SHARED", "Salesforce as the owner");
        assertEquals("Salesforce as the owner", quotes.find("Q-N").orElseThrow().syncedAs());
    }
}
