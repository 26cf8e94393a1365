package dev.partnerauth.demo.cpq;

import dev.partnerauth.demo.Html;
import dev.partnerauth.servlet.PartnerSessions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The CPQ's front page: where to go as the administrator, and who is signed in as a partner. */
public final class HomePage extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String partner = PartnerSessions.principal(request)
                .map(p -> "<p id=\"signed-in\">Signed in as partner <strong>" + Html.escape(p.user().name())
                        + "</strong> through key <strong>" + Html.escape(p.keyName()) + "</strong>.</p>")
                .orElse("<p id=\"signed-in\">No partner is signed in. Partner users arrive from their portal.</p>");
        byte[] html = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>CPQ</title>"
                + "<link rel=\"stylesheet\" href=\"/static/style.css\"></head><body><header class=\"site-header\">"
                + "<p class=\"brand\">CPQ <span class=\"badge\">demo</span></p><nav aria-label=\"Main\"><a href=\"/\" "
                + "aria-current=\"page\">Home</a><a href=\"/admin\">API Settings</a></nav></header><main><h1>CPQ demo</h1>"
                + partner + "<p>Administrators configure partner sign-in under <a href=\"/admin\">System Settings › API "
                + "Settings</a>.</p></main></body></html>").getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/html;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(html.length);
        response.getOutputStream().write(html);
    }
}
