package dev.partnerauth.demo.prm;

import dev.partnerauth.demo.Html;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /settings}: paste the partner authentication key once. The page never shows the key, only
 * its last four characters; a successful save redirects back here (post/redirect/get) so a reload
 * does not resubmit it.
 */
final class SettingsPage extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SettingsPage.class);

    private final transient KeyFile keyFile;

    SettingsPage(KeyFile keyFile) {
        this.keyFile = Objects.requireNonNull(keyFile, "keyFile");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String notice = request.getParameter("saved") != null
                ? "<p id=\"saved\" class=\"status status-ok\" role=\"status\">Key saved.</p>\n"
                : "";
        render(response, 200, notice, null);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!SameOrigin.isSameOrigin(request)) {
            render(response, 403, "", "Refused: the form was not sent from this simulator's own page."
                    + " Reload Settings and try again.");
            return;
        }
        String pasted = request.getParameter("key");
        String key = pasted == null ? "" : pasted.strip();
        Optional<String> problem = KeyFile.problemWith(key);
        if (problem.isPresent()) {
            render(response, 400, "", problem.get());
            return;
        }
        try {
            keyFile.save(key);
        } catch (UncheckedIOException e) {
            LOG.error("could not save the key file", e);
            render(response, 500, "", "Could not save the key on the simulator's server: "
                    + e.getCause().getMessage() + ". Check the data directory's permissions.");
            return;
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", "/settings?saved=1");
    }

    private void render(HttpServletResponse response, int status, String notice, String error)
            throws IOException {
        Optional<String> saved = keyFile.read();
        String state = saved.map(Page::describeSavedKey).orElse("No key is saved yet.");
        String errorHtml = error == null ? ""
                : "<p id=\"key-error\" class=\"field-error\" role=\"alert\">" + Html.escape(error) + "</p>\n";
        String described = error == null ? "key-hint" : "key-hint key-error";
        String invalid = error == null ? "" : " aria-invalid=\"true\"";
        String content = """
                <h1>Settings</h1>
                %s<p id="key-state" class="notice">%s</p>
                <form method="post" action="/settings" class="stack">
                <div class="field">
                <label for="key">Partner authentication key</label>
                <input id="key" name="key" type="password" required autocomplete="off" spellcheck="false"
                 maxlength="%d" aria-describedby="%s"%s>
                <p id="key-hint" class="hint">Paste the key a CPQ admin created under System Settings &gt;
                API Settings. It is kept on the simulator's server only and never shown again; saving
                replaces any key saved before.</p>
                %s</div>
                <div class="actions">
                <button type="submit" id="save-key">Save key</button>
                </div>
                </form>
                """.formatted(notice, Html.escape(state), KeyFile.MAX_LENGTH, described, invalid, errorHtml);
        Page.send(response, status, "Settings", "/settings", "id=\"settings\"", content, null);
    }
}
