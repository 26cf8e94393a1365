package dev.partnerauth.demo.cpq;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Static checks of the admin page that hold whatever the admin API answers. */
class AdminPageTest {

    @Test
    void adminHtmlHasTheElementIdsBrowserTestsUse() throws IOException {
        String html = read("admin.html");

        for (String id : new String[] {"enabled", "crm", "allowed-origins", "save-settings", "key-name", "key-ips",
                "add-key", "new-key", "copy-key", "keys", "audit"}) {
            assertTrue(html.contains("id=\"" + id + "\""), id);
        }
    }

    @Test
    void adminHtmlRunsNoInlineScriptOrStyle() throws IOException {
        String html = read("admin.html");

        assertFalse(Pattern.compile("<script(?![^>]*\\ssrc=)").matcher(html).find(), "inline script");
        assertFalse(Pattern.compile("\\son[a-z]+\\s*=").matcher(html).find(), "inline event handler");
        assertFalse(Pattern.compile("\\sstyle\\s*=|<style").matcher(html).find(), "inline style");
    }

    @Test
    void adminHtmlLabelsEveryFormField() throws IOException {
        String html = read("admin.html");
        Matcher fields = Pattern.compile("<(?:input|select|textarea)[^>]*\\sid=\"([^\"]+)\"").matcher(html);

        while (fields.find()) {
            assertTrue(html.contains("<label for=\"" + fields.group(1) + "\">"), fields.group(1));
        }
    }

    @Test
    void adminJsNeverWritesHtml() throws IOException {
        String js = read("admin.js");

        assertFalse(Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|eval\\(")
                .matcher(js).find());
    }

    @Test
    void prmJsNeverWritesHtml() throws IOException {
        String js = read("prm.js");

        assertFalse(Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|eval\\(")
                .matcher(js).find());
    }

    private static String read(String name) throws IOException {
        try (InputStream in = AdminPageTest.class.getClassLoader()
                .getResourceAsStream(StaticResources.DIRECTORY + name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
