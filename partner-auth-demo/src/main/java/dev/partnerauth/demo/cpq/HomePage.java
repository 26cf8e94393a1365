package dev.partnerauth.demo.cpq;

import dev.partnerauth.demo.Html;
import dev.partnerauth.servlet.LandingPageTemplate;
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
    /** partner-auth's own pages (the identity switch, refused links) in the CPQ's look: its stylesheet and header. */
    public static final LandingPageTemplate LANDING_PAGES = LandingPageTemplate.of("<!doctype html>\n<html lang=\"en\">\n"
            + "<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            + "<title>{{title}} · CPQ</title>\n<link rel=\"stylesheet\" href=\"/static/style.css\">\n</head>\n<body>\n"
            + "<header class=\"site-header\">\n" + BRAND + "</header>\n<main class=\"landing\">\n<h1>{{title}}</h1>\n"
            + "{{content}}</main>\n</body>\n</html>\n");

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
