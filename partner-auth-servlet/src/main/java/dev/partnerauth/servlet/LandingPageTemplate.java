package dev.partnerauth.servlet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTML around partner-auth's own pages in the browser (the identity switch, the continue page,
 * a refused or expired link), so that a host can give them its look. The template is a whole page
 * with {@value #TITLE} (any number of times) and {@value #CONTENT} (exactly once); partner-auth
 * puts the page's title there, HTML-escaped, and its content, built from escaped values only.
 *
 * <p>The pages keep their strict {@code Content-Security-Policy}: no script (but the continue
 * page's own), stylesheets and images from the host's origin ({@code 'self'}), and the template's
 * own {@code <style>} elements, each allowed by its hash, computed here. The content uses the
 * classes {@code partner-auth-identity}, {@code partner-auth-current} and {@code
 * partner-auth-arriving} (the two identities of the switch page, each a {@code <dl>}) for styling.
 * Immutable and thread-safe.
 */
public final class LandingPageTemplate {
    /** Where the page's title goes, escaped. */
    public static final String TITLE = "{{title}}";
    /** Where the page's content goes. */
    public static final String CONTENT = "{{content}}";
    private static final Pattern STYLE = Pattern.compile("<style(?:\\s[^>]*)?>(.*?)</style>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** partner-auth's own plain page. */
    public static final LandingPageTemplate DEFAULT = of("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{{title}}</title><style>"
            + "body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5}"
            + "dl.partner-auth-identity{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;"
            + "border:1px solid #bbb;border-radius:.5rem;padding:.75rem 1rem}dl.partner-auth-identity dt{color:#555}"
            + "dl.partner-auth-identity dd{margin:0;font-weight:600}button{font:inherit;padding:.4rem 1.2rem}"
            + "</style></head><body><h1>{{title}}</h1>{{content}}</body></html>");

    private final String html;
    private final String styleSources;

    private LandingPageTemplate(String html, String styleSources) {
        this.html = html;
        this.styleSources = styleSources;
    }

    /**
     * A template from the host's HTML.
     *
     * @throws IllegalArgumentException when {@value #CONTENT} is not there exactly once
     */
    public static LandingPageTemplate of(String html) {
        Objects.requireNonNull(html, "html");
        int first = html.indexOf(CONTENT);
        if (first < 0 || html.indexOf(CONTENT, first + 1) >= 0) {
            throw new IllegalArgumentException("a landing page template needs " + CONTENT + " exactly once");
        }
        List<String> sources = new ArrayList<>(List.of("'self'"));
        Matcher styles = STYLE.matcher(html);
        while (styles.find()) {
            sources.add("'sha256-" + sha256(styles.group(1)) + "'");
        }
        return new LandingPageTemplate(html, String.join(" ", sources));
    }

    /** The page: {@code title} is plain text (escaped here); {@code content} is HTML built from escaped values. */
    String render(String title, String content) {
        int at = html.indexOf(CONTENT);
        String escaped = LandingPages.html(title);
        return html.substring(0, at).replace(TITLE, escaped) + content
                + html.substring(at + CONTENT.length()).replace(TITLE, escaped);
    }

    /** The {@code style-src} sources of the pages: the host's origin and this template's own style elements. */
    String styleSources() {
        return styleSources;
    }

    static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
