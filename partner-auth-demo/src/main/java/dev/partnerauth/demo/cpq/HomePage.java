package dev.partnerauth.demo.cpq;

import dev.partnerauth.demo.Html;
import dev.partnerauth.servlet.PartnerSessions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The CPQ's front page: where to go as the administrator, and who is signed in as a partner. */
public final class HomePage extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** The CPQ's brand line, first in the site header of every CPQ page. */
    static final String BRAND = "<p class=\"brand\">CPQ <span class=\"badge\">demo</span></p>";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String partner = PartnerSessions.principal(request)
                .map(p -> "<p id=\"signed-in\">Signed in as partner <strong>" + Html.escape(p.user().name())
                        + "</strong> through key <strong>" + Html.escape(p.keyName()) + "</strong>.</p>")
                .orElse("<p id=\"signed-in\">No partner is signed in. Partner users arrive from their portal.</p>");
        String nav = "<nav aria-label=\"Main\"><a href=\"/\" aria-current=\"page\">Home</a>"
                + "<a href=\"/admin\">API Settings</a></nav>";
        Html.sendPage(response, 200, "CPQ", BRAND + nav, "", "<h1>CPQ demo</h1>" + partner
                + "<p>Administrators configure partner sign-in under <a href=\"/admin\">System Settings › API "
                + "Settings</a>.</p>", null);
    }
}
