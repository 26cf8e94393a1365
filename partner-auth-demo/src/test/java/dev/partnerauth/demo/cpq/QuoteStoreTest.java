package dev.partnerauth.demo.cpq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Quotes belong to a partner, even on an opportunity that the host lets two partners open; ids are per partner. */
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
        quotes.insertIfAbsent(quote("Q-N", NORTHWIND));
        quotes.insertIfAbsent(quote("Q-C", CONTOSO));

        assertEquals(List.of("Q-N"), quotes.forOpportunity(NORTHWIND, "006SHARED").stream().map(Quote::id).toList());
        assertEquals(List.of("Q-C"), quotes.forOpportunity(CONTOSO, "006SHARED").stream().map(Quote::id).toList());
    }

    @Test
    void markSyncedWhenAnotherPartnersQuoteThenUnchanged() {
        quotes.insertIfAbsent(quote("Q-N", NORTHWIND));

        quotes.markSynced(CONTOSO, "Q-N", "006SHARED", "Salesforce as someone");

        assertEquals(null, quotes.find(NORTHWIND, "Q-N").orElseThrow().syncedAs());
        quotes.markSynced(NORTHWIND, "Q-N", "006SHARED", "Salesforce as the owner");
        assertEquals("Salesforce as the owner", quotes.find(NORTHWIND, "Q-N").orElseThrow().syncedAs());
    }

    @Test
    void findWhenAnotherPartnerHasAQuoteOfThatIdThenNotFound() {
        quotes.insertIfAbsent(quote("Q-1", NORTHWIND));

        assertEquals(Optional.empty(), quotes.find(CONTOSO, "Q-1"));
    }

    @Test
    void insertWhenAnotherPartnerAlreadyUsesTheIdThenBothQuotesStandApart() {
        // Contoso's PRM names Northwind's id first (a guess, or squatting it): Northwind's quote of that id is unaffected
        assertTrue(quotes.insertIfAbsent(quote("Q-1", CONTOSO)));
        assertTrue(quotes.insertIfAbsent(quote("Q-1", NORTHWIND)));

        quotes.markSynced(NORTHWIND, "Q-1", "006SHARED", "Salesforce as the owner");

        assertEquals("Salesforce as the owner", quotes.find(NORTHWIND, "Q-1").orElseThrow().syncedAs());
        assertEquals(null, quotes.find(CONTOSO, "Q-1").orElseThrow().syncedAs());
    }

    @Test
    void insertWhenThePartnerAlreadyHasTheIdThenNotStoredAgain() {
        assertTrue(quotes.insertIfAbsent(quote("Q-1", NORTHWIND)));

        assertFalse(quotes.insertIfAbsent(new Quote("Q-1", NORTHWIND, "006OTHER", "Another", BigDecimal.ONE,
                "partner:" + NORTHWIND + ":u-100", Instant.parse("2030-01-02T00:00:00Z"), null)));
        assertEquals("006SHARED", quotes.find(NORTHWIND, "Q-1").orElseThrow().opportunityId());
    }
}
