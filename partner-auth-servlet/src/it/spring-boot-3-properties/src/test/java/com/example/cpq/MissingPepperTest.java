package com.example.cpq;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A host started without its pepper, or with a short one, stops with Boot's failure report naming the property. */
@ExtendWith(OutputCaptureExtension.class)
class MissingPepperTest {
    @Test
    void startWhenPepperVariableUnsetThenBootsReportNamesTheProperty(CapturedOutput output) {
        assertThrows(RuntimeException.class, () -> SpringApplication.run(CpqApplication.class,
                "--server.port=0", "--CPQ_ADMIN_PASSWORD=admin-password-for-tests"));

        assertTrue(output.getOut().contains("APPLICATION FAILED TO START"), output.getOut());
        assertTrue(output.getOut().contains("partner-auth.pepper: not set: its placeholder ${PARTNER_AUTH_PEPPER}"),
                output.getOut());
        assertTrue(output.getOut().contains("openssl rand -base64 32"), output.getOut());
    }

    @Test
    void startWhenPepperShortThenBootsReportSaysSoWithoutTheValue(CapturedOutput output) {
        assertThrows(RuntimeException.class, () -> SpringApplication.run(CpqApplication.class,
                "--server.port=0", "--CPQ_ADMIN_PASSWORD=admin-password-for-tests", "--PARTNER_AUTH_PEPPER=c2VjcmV0LWJ1dC1zaG9ydA=="));

        assertTrue(output.getOut().contains("APPLICATION FAILED TO START"), output.getOut());
        assertTrue(output.getOut().contains("partner-auth.pepper: the key pepper is 16 bytes"), output.getOut());
        assertFalse(output.getOut().contains("c2VjcmV0LWJ1dC1zaG9ydA=="), "the pepper never appears in the log");
        assertFalse(output.getOut().contains("\tat dev.partnerauth"), "a report, not a stack trace");
    }
}
