package dev.partnerauth.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The inclusive lead rows of {@link CostTable}: which stacks (leaf first) each one counts. */
class CostTableTest {
    private static boolean lead(String label, String... frames) {
        return CostTable.LEADS.get(label).test(List.of(frames));
    }

    @Test
    void whenNimbusParsesUnderTokenServiceThenTheOpenParseLeadCountsIt() {
        assertTrue(lead("JWS parse on open/* (nimbus *.parse under TokenService)",
                "com.nimbusds.jwt.SignedJWT.parse", "dev.partnerauth.internal.token.TokenService.redeemAccessToken",
                "dev.partnerauth.PartnerAuth.launch"));
    }

    @Test
    void whenNimbusRunsUnderTheSignerThenNeitherOpenLeadCountsIt() {
        String[] stack = {"com.nimbusds.jose.JWSObject.sign", "dev.partnerauth.internal.token.AccessTokenSigner.sign",
            "dev.partnerauth.internal.token.TokenService.mintAccessToken"};
        // TokenService is on the stack, but no parse or verify is called under it
        assertFalse(lead("JWS parse on open/* (nimbus *.parse under TokenService)", stack));
        assertFalse(lead("JWS verify on open/* (nimbus *.verify under TokenService)", stack));
        assertTrue(lead("JWS sign on authenticate (nimbus under AccessTokenSigner)", stack));
    }

    @Test
    void whenJettyCallsTheFilterThatWritesTheAnswerThenOnlyJettyBelowTheWriteCountsAsTheAnswers() {
        // Jetty dispatching to the filter is outside the answer; Jetty under JsonResponses.write is in it
        assertFalse(lead("  Jetty (headers, commit, write)", "dev.partnerauth.internal.json.Json.write",
                "dev.partnerauth.servlet.JsonResponses.write", "org.eclipse.jetty.ee10.servlet.FilterHolder.doFilter"));
        assertTrue(lead("  Jetty (headers, commit, write)", "org.eclipse.jetty.ee10.servlet.HttpOutput.write",
                "dev.partnerauth.servlet.JsonResponses.write", "org.eclipse.jetty.ee10.servlet.FilterHolder.doFilter"));
        assertTrue(lead("  Json.write (the body to a String)", "dev.partnerauth.internal.json.Json.write",
                "dev.partnerauth.servlet.JsonResponses.write"));
    }

    @Test
    void whenAStackHasNoPartnerAuthFrameThenOnlyTheContainerRowCountsIt() {
        String[] stack = {"org.eclipse.jetty.http.HttpParser.parseNext", "org.eclipse.jetty.io.FillInterest.fillable"};
        assertTrue(lead("Jetty with no partner-auth frame (parse, I/O, dispatch)", stack));
        assertFalse(lead("the database on the request thread (pgjdbc, Hikari, H2)", stack));
        assertFalse(lead("Jetty with no partner-auth frame (parse, I/O, dispatch)", "org.eclipse.jetty.io.X.y",
                "dev.partnerauth.servlet.PartnerApiFilter.handle"));
    }
}
