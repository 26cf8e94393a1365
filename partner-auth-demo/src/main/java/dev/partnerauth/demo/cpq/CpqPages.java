package dev.partnerauth.demo.cpq;

import dev.partnerauth.PartnerAuth;
import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.crm.CrmSync;
import dev.partnerauth.crm.CrmSyncIdentity;
import dev.partnerauth.crm.CrmSystem;
import dev.partnerauth.demo.Html;
import dev.partnerauth.launch.TemplateLaunchRoutes;
import dev.partnerauth.servlet.PartnerSessions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The CPQ pages that launch URLs land on: an opportunity with its quotes, a new quote, a quote.
 * Every page needs a partner session, and only for the opportunities that session was opened for.
 * Submitting a quote syncs it to the (demo) CRM as the identity the account's CRM calls for.
 */
public final class CpqPages extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String BASE = "/cpq/opportunities/";

    private final transient PartnerAuth auth;
    private final transient QuoteStore quotes;
    private final transient CrmSync crm;
    private final transient Clock clock;
    private final String publicOrigin;

    public CpqPages(PartnerAuth auth, QuoteStore quotes, CrmSync crm, Clock clock, String publicOrigin) {
        this.auth = auth;
        this.quotes = quotes;
        this.crm = crm;
        this.clock = clock;
        this.publicOrigin = publicOrigin;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Route route = Route.parse(request.getRequestURI());
        Optional<PartnerPrincipal> partner = PartnerSessions.principal(request);
        if (route == null) {
            page(response, 404, "Not found", partner, "<p>There is no such page.</p>");
            return;
        }
        if (!admitted(response, partner, route)) {
            return;
        }
        PartnerPrincipal p = partner.get();
        switch (route.kind) {
            case OPPORTUNITY -> opportunity(response, p, route.opportunity);
            case NEW_QUOTE -> newQuote(response, p, route.opportunity);
            case QUOTE -> quote(response, p, route.opportunity, route.quote);
            default -> page(response, 405, "Method not allowed", partner, "<p>Use the buttons on the page.</p>");
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Route route = Route.parse(request.getRequestURI());
        Optional<PartnerPrincipal> partner = PartnerSessions.principal(request);
        if (!publicOrigin.equals(request.getHeader("Origin"))) {
            // in the embedded mode the session cookie is SameSite=None, so forms posted from other sites would carry it
            page(response, 403, "Refused", partner, "<p>This form can only be sent from the CPQ itself.</p>");
            return;
        }
        if (route == null) {
            page(response, 404, "Not found", partner, "<p>There is no such page.</p>");
            return;
        }
        if (!admitted(response, partner, route)) {
            return;
        }
        PartnerPrincipal p = partner.get();
        if (route.kind == Kind.CREATE) {
            String name = request.getParameter("name");
            BigDecimal amount = parseAmount(request.getParameter("amount"));
            if (name == null || name.isBlank() || name.length() > 200 || amount == null) {
                page(response, 400, "Check the quote", partner, "<p>A quote needs a name (up to 200 characters) and an "
                        + "amount between 0 and 1 000 000 000.</p>" + backLink(route.opportunity));
                return;
            }
            String id = null;
            // ids are per partner; one that this partner already has (its PRM named it first) is skipped
            for (int attempt = 0; attempt < 5 && id == null; attempt++) {
                String candidate = "Q-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
                if (quotes.insertIfAbsent(new Quote(candidate, p.partnerId().value(), route.opportunity, name.strip(), amount,
                        p.getName(), clock.instant(), null))) {
                    id = candidate;
                }
            }
            if (id == null) {
                throw new IllegalStateException("no free quote id after 5 attempts");
            }
            redirect(response, quoteUrl(route.opportunity, id));
        } else if (route.kind == Kind.SUBMIT) {
            CrmSystem system = auth.settings().crm();
            if (system == null || !system.supportsPartnerApi()) {
                page(response, 409, "No CRM", partner, "<p>The account has no supported CRM to sync to.</p>");
                return;
            }
            CrmSyncIdentity identity = crm.identityFor(system, route.opportunity);
            String syncedAs = displayName(system) + " as " + (identity.kind() == CrmSyncIdentity.Kind.OPPORTUNITY_OWNER
                    ? "the opportunity owner: " : "the integration user: ") + identity.user();
            quoteOrPlaceholder(p, route.opportunity, route.quote);
            quotes.markSynced(p.partnerId().value(), route.quote, route.opportunity, syncedAs);
            redirect(response, quoteUrl(route.opportunity, route.quote));
        } else {
            page(response, 405, "Method not allowed", partner, "<p>Use the buttons on the page.</p>");
        }
    }

    private boolean admitted(HttpServletResponse response, Optional<PartnerPrincipal> partner, Route route) throws IOException {
        if (partner.isEmpty()) {
            page(response, 403, "Sign in through your partner portal", partner,
                    "<p>These pages are for partner users. Open the quote from your partner portal.</p>");
            return false;
        }
        if (!partner.get().mayAccessOpportunity(route.opportunity)) {
            page(response, 403, "Not your opportunity", partner, "<p>Your session was opened for other opportunities. "
                    + "Open this one from your partner portal.</p>");
            return false;
        }
        return true;
    }

    private void opportunity(HttpServletResponse response, PartnerPrincipal p, String opportunity) throws IOException {
        StringBuilder body = new StringBuilder("<p>Opportunity <strong id=\"opportunity-id\">")
                .append(Html.escape(opportunity)).append("</strong></p>");
        List<Quote> list = quotes.forOpportunity(p.partnerId().value(), opportunity);
        if (list.isEmpty()) {
            body.append("<p id=\"no-quotes\">No quotes yet.</p>");
        } else {
            body.append("<table id=\"quotes\"><thead><tr><th scope=\"col\">Quote</th><th scope=\"col\">Name</th>"
                    + "<th scope=\"col\">Amount</th><th scope=\"col\">Status</th></tr></thead><tbody>");
            for (Quote q : list) {
                body.append("<tr><td><a href=\"").append(Html.escape(quoteUrl(opportunity, q.id()))).append("\">")
                        .append(Html.escape(q.id())).append("</a></td><td>").append(Html.escape(q.name()))
                        .append("</td><td>").append(q.amount().toPlainString()).append("</td><td>")
                        .append(q.submitted() ? "Submitted" : "Draft").append("</td></tr>");
            }
            body.append("</tbody></table>");
        }
        body.append("<p><a class=\"button\" id=\"new-quote\" href=\"")
                .append(Html.escape(opportunityUrl(opportunity) + "/quotes/new")).append("\">New quote</a></p>");
        page(response, 200, "Opportunity quotes", Optional.of(p), body.toString());
    }

    private void newQuote(HttpServletResponse response, PartnerPrincipal p, String opportunity) throws IOException {
        String body = "<p>New quote for opportunity <strong id=\"opportunity-id\">" + Html.escape(opportunity) + "</strong></p>"
                + "<form method=\"post\" action=\"" + Html.escape(opportunityUrl(opportunity) + "/quotes") + "\">"
                + "<div class=\"field\"><label for=\"quote-name\">Quote name</label>"
                + "<input id=\"quote-name\" name=\"name\" required maxlength=\"200\" value=\"New partner quote\"></div>"
                + "<div class=\"field\"><label for=\"quote-amount\">Amount</label>"
                + "<input id=\"quote-amount\" name=\"amount\" required inputmode=\"decimal\" value=\"12500.00\"></div>"
                + "<button id=\"save-quote\" type=\"submit\">Save quote</button></form>";
        page(response, 200, "New quote", Optional.of(p), body);
    }

    private void quote(HttpServletResponse response, PartnerPrincipal p, String opportunity, String quoteId) throws IOException {
        Quote q = quoteOrPlaceholder(p, opportunity, quoteId);
        StringBuilder body = new StringBuilder()
                .append("<dl><dt>Quote</dt><dd id=\"quote-id\">").append(Html.escape(q.id())).append("</dd>")
                .append("<dt>Opportunity</dt><dd id=\"opportunity-id\">").append(Html.escape(opportunity)).append("</dd>")
                .append("<dt>Name</dt><dd>").append(Html.escape(q.name())).append("</dd>")
                .append("<dt>Amount</dt><dd>").append(q.amount().toPlainString()).append("</dd>")
                .append("<dt>Status</dt><dd id=\"quote-status\">").append(q.submitted() ? "Submitted" : "Draft").append("</dd></dl>");
        if (q.submitted()) {
            body.append("<p class=\"status status-ok\" id=\"crm-sync\" role=\"status\">Synced to ")
                    .append(Html.escape(q.syncedAs())).append("</p>");
        } else {
            body.append("<form method=\"post\" action=\"").append(Html.escape(quoteUrl(opportunity, quoteId) + "/submit"))
                    .append("\"><button id=\"submit-quote\" type=\"submit\">Submit quote</button></form>");
        }
        body.append(backLink(opportunity));
        page(response, 200, "Quote", Optional.of(p), body.toString());
    }

    /**
     * A quote the PRM names but the CPQ has not seen is shown as a draft the partner can submit.
     * Quote ids are per partner: another partner's quote of that id is never found, and the
     * partner's own draft of that id is its own. The partner's quote of that id on another
     * opportunity is not shown either: the partner sees an empty draft that is not stored, and
     * submitting it changes nothing.
     */
    private Quote quoteOrPlaceholder(PartnerPrincipal p, String opportunity, String quoteId) {
        Optional<Quote> stored = quotes.find(p.partnerId().value(), quoteId);
        if (stored.isPresent() && stored.get().opportunityId().equals(opportunity)) {
            return stored.get();
        }
        Quote placeholder = new Quote(quoteId, p.partnerId().value(), opportunity, "Quote " + quoteId, BigDecimal.ZERO,
                p.getName(), clock.instant(), null);
        if (stored.isEmpty() && !quotes.insertIfAbsent(placeholder)) {
            // a concurrent request of this partner stored it first: show what is stored
            return quotes.find(p.partnerId().value(), quoteId).filter(q -> q.opportunityId().equals(opportunity))
                    .orElse(placeholder);
        }
        return placeholder;
    }

    private static String displayName(CrmSystem system) {
        if (system.equals(CrmSystem.SALESFORCE)) {
            return "Salesforce";
        }
        return system.equals(CrmSystem.DYNAMICS) ? "Microsoft Dynamics" : system.name();
    }

    private static String backLink(String opportunity) {
        return "<p><a id=\"back-to-opportunity\" href=\"" + Html.escape(opportunityUrl(opportunity))
                + "\">All quotes of this opportunity</a></p>";
    }

    private void page(HttpServletResponse response, int status, String title, Optional<PartnerPrincipal> partner,
                      String body) throws IOException {
        String who = partner.map(p -> "<p id=\"signed-in\" class=\"signed-in\">Signed in as <strong id=\"partner-name\">"
                + Html.escape(p.user().name()) + "</strong> (" + Html.escape(p.user().email()) + ")"
                + (p.user().company() == null ? "" : " of " + Html.escape(p.user().company()))
                + " through partner key <strong id=\"partner-key\">" + Html.escape(p.keyName()) + "</strong>"
                + " (partner <code id=\"partner-id\">" + Html.escape(p.partnerId().value()) + "</code>)</p>")
                .orElse("<p id=\"signed-in\" class=\"signed-in\">Not signed in</p>");
        Html.sendPage(response, status, title + " · CPQ", HomePage.BRAND + who, "",
                "<h1>" + Html.escape(title) + "</h1>" + body, null);
    }

    private static void redirect(HttpServletResponse response, String path) {
        response.setStatus(303);
        response.setHeader("Location", path);
    }

    private static BigDecimal parseAmount(String text) {
        try {
            BigDecimal amount = new BigDecimal(text.trim());
            return amount.signum() >= 0 && amount.compareTo(BigDecimal.valueOf(1_000_000_000)) <= 0 && amount.scale() <= 2
                    ? amount : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String opportunityUrl(String opportunity) {
        return BASE + TemplateLaunchRoutes.encodeSegment(opportunity);
    }

    static String quoteUrl(String opportunity, String quote) {
        return opportunityUrl(opportunity) + "/quotes/" + TemplateLaunchRoutes.encodeSegment(quote);
    }

    enum Kind { OPPORTUNITY, NEW_QUOTE, QUOTE, CREATE, SUBMIT }

    /** A parsed CPQ path; ids are percent-decoded path segments. */
    record Route(Kind kind, String opportunity, String quote) {
        static Route parse(String rawUri) {
            if (!rawUri.startsWith(BASE)) {
                return null;
            }
            List<String> s = new ArrayList<>();
            try {
                for (String segment : rawUri.substring(BASE.length()).split("/", -1)) {
                    s.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException badEscape) {
                return null;
            }
            if (s.isEmpty() || s.get(0).isEmpty()) {
                return null;
            }
            String opp = s.get(0);
            if (s.size() == 1) {
                return new Route(Kind.OPPORTUNITY, opp, null);
            }
            if (!s.get(1).equals("quotes")) {
                return null;
            }
            if (s.size() == 2) {
                return new Route(Kind.CREATE, opp, null);
            }
            if (s.size() == 3) {
                return rawUri.endsWith("/quotes/new") ? new Route(Kind.NEW_QUOTE, opp, null) : new Route(Kind.QUOTE, opp, s.get(2));
            }
            return s.size() == 4 && s.get(3).equals("submit") ? new Route(Kind.SUBMIT, opp, s.get(2)) : null;
        }
    }
}
