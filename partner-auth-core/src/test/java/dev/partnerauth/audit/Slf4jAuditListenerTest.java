package dev.partnerauth.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The line format only: core has no SLF4J provider on its test classpath (the logger is a no-op
 * here), so the captured-log checks live in the servlet module.
 */
class Slf4jAuditListenerTest {

    @Test
    void lineWhenRefusalThenTypeAndQuotedComponents() {
        AuditEvent e = new AuditEvent(Instant.EPOCH, AuditEventType.AUTHENTICATE_REFUSED, null, "user-1", "203.0.113.7",
                "KEY_UNKNOWN", null, null, null);

        assertEquals("AUTHENTICATE_REFUSED user=\"user-1\" ip=\"203.0.113.7\" reason=\"KEY_UNKNOWN\"",
                Slf4jAuditListener.line(e));
    }

    @Test
    void lineWhenValueHasLineBreaksOrQuotesThenCannotForgeALine() {
        AuditEvent e = new AuditEvent(Instant.EPOCH, AuditEventType.KEY_RENAMED, "AAAAAAAAAAAA", null, null, null,
                "Acme\r\nKEY_DELETED key=\"x\"\u2028", null, null);

        String line = Slf4jAuditListener.line(e);

        assertEquals("KEY_RENAMED key=\"AAAAAAAAAAAA\" detail=\"Acme??KEY_DELETED key=?x??\"", line);
        assertFalse(line.contains("\n"));
    }

    @Test
    void lineWhenAdminChangeThenActorAndPartnerNamedAndQuoted() {
        AuditEvent e = new AuditEvent(Instant.EPOCH, AuditEventType.USER_DISABLED, null, "u-100", null, null, null,
                "prt_northwind0000000", "ann\nUSER_ENABLED");

        assertEquals("USER_DISABLED actor=\"ann?USER_ENABLED\" partner=\"prt_northwind0000000\" user=\"u-100\"",
                Slf4jAuditListener.line(e));
    }

    @Test
    void lineWhenAnyCharacterThenReplacedExactlyWhenItIsAControlSeparatorOrQuote() {
        java.util.regex.Pattern unsafe = java.util.regex.Pattern.compile("[\\p{Cntrl}\\u2028\\u2029\"]");
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String value = "a" + c + "b";
            AuditEvent e = new AuditEvent(Instant.EPOCH, AuditEventType.SETTINGS_CHANGED, null, null, null, null, value, null, null);
            String expectedValue = unsafe.matcher(String.valueOf(c)).matches() ? "a?b" : value;

            assertEquals("SETTINGS_CHANGED detail=\"" + expectedValue + "\"", Slf4jAuditListener.line(e), "char " + (int) c);
        }
    }

    @Test
    void onEventWhenNoProviderThenQuietlyNothing() {
        new Slf4jAuditListener().onEvent(new AuditEvent(Instant.EPOCH, AuditEventType.SETTINGS_CHANGED, null, null, null, null, null, null, null));
    }
}
