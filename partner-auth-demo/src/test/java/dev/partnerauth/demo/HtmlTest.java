package dev.partnerauth.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapeWhenTextHoldsMarkupThenEveryHtmlMetacharacterIsEscaped() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;",
                Html.escape("<a href=\"x\" title='y'>Tom & Jerry</a>"));
    }

    @Test
    void escapeWhenNullThenEmpty() {
        assertEquals("", Html.escape(null));
    }
}
