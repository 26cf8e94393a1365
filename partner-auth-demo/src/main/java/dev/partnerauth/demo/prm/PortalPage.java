package dev.partnerauth.demo.prm;

import dev.partnerauth.demo.Html;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /}: the partner user's form and the three buttons that open the CPQ. The work happens
 * in {@code prm.js}; the CPQ base URL reaches it through {@code data-cpq-base-url}.
 */
final class PortalPage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient URI cpqBaseUrl;
    private final transient KeyFile keyFile;

    PortalPage(URI cpqBaseUrl, KeyFile keyFile) {
        this.cpqBaseUrl = Objects.requireNonNull(cpqBaseUrl, "cpqBaseUrl");
        this.keyFile = Objects.requireNonNull(keyFile, "keyFile");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> key = keyFile.read();
        String keyState = key.isPresent()
                ? "<p id=\"key-state\" class=\"notice\">" + Html.escape(Page.describeSavedKey(key.get()))
                        + " <a href=\"/settings\">Change it</a></p>\n"
                : "<p id=\"key-state\" class=\"notice notice-warning\">No partner authentication key is saved yet."
                        + " <a href=\"/settings\">Paste it in Settings</a> before opening the CPQ.</p>\n";
        String content = """
                <h1>Open the CPQ</h1>
                %s<p>Pick a partner user and a deal, then open the CPQ at <code>%s</code>. The simulator's
                backend asks the CPQ for a one-time access token; this page spends it.</p>
                <form id="user-form" class="stack" novalidate>
                <fieldset>
                <legend>Partner user</legend>
                %s%s%s%s%s</fieldset>
                <fieldset>
                <legend>Deal</legend>
                %s%s</fieldset>
                <div class="field">
                <label><input type="checkbox" id="open-in-frame"> Open in frame (the CPQ inside this portal; start the demo with <code>--embed</code>)</label>
                </div>
                <div class="actions">
                <button type="button" id="create-quote">Create quote</button>
                <button type="button" id="open-quote">Open quote</button>
                <button type="button" id="open-opportunity">Open opportunity</button>
                </div>
                </form>
                <section class="user-calls" aria-labelledby="user-calls-heading">
                <h2 id="user-calls-heading">This user in the CPQ</h2>
                <p>The portal's backend tells the CPQ about the partner user above, with the same key:
                it signed out of the portal, left the partner, or came back.</p>
                <div class="actions">
                <button type="button" id="signout-user" class="secondary">Sign out everywhere</button>
                <button type="button" id="deactivate-user" class="secondary">Deactivate</button>
                <button type="button" id="activate-user" class="secondary">Reactivate</button>
                </div>
                </section>
                <p id="status" class="status" role="alert"></p>
                <iframe id="cpq-frame" class="cpq-frame" title="CPQ" hidden></iframe>
                <section class="debug" aria-labelledby="debug-heading">
                <h2 id="debug-heading">Debugging</h2>
                <p>Send the token used last to <code>open/quote</code> again. A token works once,
                so the CPQ should refuse it.</p>
                <button type="button" id="reuse-token" class="secondary">Reuse last token</button>
                </section>
                """.formatted(
                keyState,
                Html.escape(cpqBaseUrl.toString()),
                field("user_id", "User id", "text", "prm-user-1042", null),
                field("login", "Login", "text", "jordan.lee@northwind-partners.example", null),
                field("email", "Email", "email", "jordan.lee@northwind-partners.example", null),
                field("name", "Name", "text", "Jordan Lee", null),
                field("company", "Company", "text", "Northwind Partners", "Optional."),
                field("opportunity_id", "Opportunity id", "text", "006Dn000004XyZaIAK", null),
                field("quote_id", "Quote id", "text", "", "Needed for Open quote only."));
        String main = "id=\"portal\" data-cpq-base-url=\"" + Html.escape(cpqBaseUrl.toString()) + "\"";
        Page.send(response, 200, "Portal", "/", main, content, "prm.js");
    }

    private static String field(String name, String label, String type, String value, String hint) {
        StringBuilder html = new StringBuilder()
                .append("<div class=\"field\">\n<label for=\"").append(name).append("\">")
                .append(Html.escape(label)).append("</label>\n")
                .append("<input id=\"").append(name).append("\" name=\"").append(name)
                .append("\" type=\"").append(type).append("\" value=\"").append(Html.escape(value))
                .append("\" maxlength=\"").append(type.equals("email") ? 254 : 255).append("\" autocomplete=\"off\" spellcheck=\"false\"");
        if (hint != null) {
            html.append(" aria-describedby=\"").append(name).append("-hint\">\n<p id=\"").append(name)
                    .append("-hint\" class=\"hint\">").append(Html.escape(hint)).append("</p>\n");
        } else {
            html.append(">\n");
        }
        return html.append("</div>\n").toString();
    }
}
