package com.example.cpq;

import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.servlet.PartnerSessions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * A plain servlet host's page behind the landing filter, as the guides show it: who is signed in,
 * and whether that partner user may see this opportunity. {@code QuotePageTest} runs it.
 */
// README:begin guide-who-is-signed-in
/** At /cpq/*, behind partner-auth's landing filter: /cpq/opportunities/{id}/... */
public class QuotePage extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<PartnerPrincipal> signedIn = PartnerSessions.principal(request); // empty: no partner on this request
        if (signedIn.isEmpty()) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Sign in through your partner portal");
            return;
        }
        PartnerPrincipal partner = signedIn.get();       // also request.getUserPrincipal()
        String[] path = request.getPathInfo().split("/"); // "", "opportunities", "{id}", ...
        if (path.length < 3 || !partner.mayAccessOpportunity(path[2])) { // only what the PRM opened
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        String partnerId = partner.partnerId().value(); // PartnerId is a record; value() is the "prt_…" text
        String userId = partner.user().userId();        // the PRM's user_id: unique within its partner only
        response.setContentType("text/plain;charset=utf-8");
        response.getWriter().print(partner.getName()     // "partner:" + partnerId + ":" + userId: key your data by it
                + " partner=" + partnerId + " user=" + userId + " name=" + partner.user().name());
    }
}
// README:end
