package dev.partnerauth.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.servlet.testkit.PartnerSignIn;
import dev.partnerauth.servlet.testkit.PartnerTestKit;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22, item 12: the demo's quote ids are per partner. A quote id one partner's PRM names
 * (guessed from another partner, or squatted first) neither opens nor blocks another partner's quote.
 */
class DemoQuoteIdsTest {
    private static final String PASSWORD = "quote-ids-test-password";

    @Test
    void quoteIdNamedByAnotherPartnerFirstThenEachPartnerKeepsAndSubmitsItsOwn(@TempDir Path dataDir) throws Exception {
        try (Demo demo = Demo.start(new DemoOptions(0, 0, dataDir, null, 60, null, List.of(), false), PASSWORD)) {
            String northwindKey = key(demo, "Northwind PRM");
            String contosoKey = key(demo, "Contoso PRM");
            // Northwind makes a quote; its page links to it by id
            PartnerSignIn.SignedIn northwind = PartnerTestKit.signIn(demo.cpqUrl(), northwindKey)
                    .as(PartnerTestKit.user("u-north")).createQuote("006NORTHWIND");
            HttpResponse<String> made = post(demo, northwind, "/cpq/opportunities/006NORTHWIND/quotes",
                    "name=Northwind+secret+deal&amount=99000.00");
            assertEquals(303, made.statusCode(), made.body());
            String northwindQuote = made.headers().firstValue("Location").orElseThrow();
            String id = northwindQuote.substring(northwindQuote.lastIndexOf('/') + 1);

            // Contoso's PRM names that id on Contoso's own opportunity
            PartnerSignIn.SignedIn contoso = PartnerTestKit.signIn(demo.cpqUrl(), contosoKey)
                    .as(PartnerTestKit.user("u-contoso")).openQuote("006CONTOSO", id);
            HttpResponse<String> contosoPage = contoso.get(contoso.location());
            assertEquals(200, contosoPage.statusCode(), contosoPage.body());
            assertFalse(contosoPage.body().contains("Northwind secret deal"), contosoPage.body());
            assertFalse(contosoPage.body().contains("99000.00"), contosoPage.body());
            // and submits its own quote of that id: Northwind's stays a draft
            assertEquals(303, post(demo, contoso, contoso.location() + "/submit", "").statusCode());
            assertTrue(contoso.get(contoso.location()).body().contains("id=\"quote-status\">Submitted"));
            HttpResponse<String> northwindPage = northwind.get(northwindQuote);
            assertTrue(northwindPage.body().contains("Northwind secret deal"), northwindPage.body());
            assertTrue(northwindPage.body().contains("id=\"quote-status\">Draft"), northwindPage.body());

            // Contoso names an id first; Northwind's PRM then opens its own quote of that id and submits it
            PartnerSignIn.SignedIn squatter = PartnerTestKit.signIn(demo.cpqUrl(), contosoKey)
                    .as(PartnerTestKit.user("u-contoso")).openQuote("006CONTOSO", "Q-CRM-0042");
            assertEquals(200, squatter.get(squatter.location()).statusCode());
            PartnerSignIn.SignedIn owner = PartnerTestKit.signIn(demo.cpqUrl(), northwindKey)
                    .as(PartnerTestKit.user("u-north")).openQuote("006NORTHWIND", "Q-CRM-0042");
            assertEquals(303, post(demo, owner, owner.location() + "/submit", "").statusCode());
            HttpResponse<String> submitted = owner.get(owner.location());
            assertTrue(submitted.body().contains("id=\"quote-status\">Submitted"), submitted.body());
            assertTrue(squatter.get(squatter.location()).body().contains("id=\"quote-status\">Draft"));
        }
    }

    private static String key(Demo demo, String name) throws Exception {
        HttpResponse<String> settings = DemoHttp.admin(demo, PASSWORD, "PUT", "/settings",
                "{\"enabled\":true,\"crm\":\"SALESFORCE\",\"allowed_origins\":[\"" + demo.prmUrl() + "\"]}");
        assertEquals(200, settings.statusCode(), settings.body());
        return DemoHttp.createdKey(DemoHttp.admin(demo, PASSWORD, "POST", "/keys", "{\"name\":\"" + name + "\",\"allowed_ips\":[]}"));
    }

    /** A form of the CPQ's own pages, sent as the signed-in browser. */
    private static HttpResponse<String> post(Demo demo, PartnerSignIn.SignedIn who, String path, String form) throws Exception {
        return DemoHttp.send(HttpRequest.newBuilder(URI.create(demo.cpqUrl() + path))
                .header("Cookie", who.sessionCookie())
                .header("Origin", SecurityHeaders.originOf(demo.cpqUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }
}
