package dev.partnerauth.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.partnerauth.PartnerAuth;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.launch.LaunchAuthorizer;
import dev.partnerauth.servlet.testing.CapturedLogs;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Without a launch authorizer every opportunity is allowed: the host is told once, at build, with
 * the setting's name. (In this module because its tests have a capturing SLF4J binding.)
 */
class LaunchAuthorizerWarningTest {
    private static PartnerAuth.Builder builder() {
        return PartnerAuth.builder().keyPepper(KeyPepper.of(new byte[32])).publicBaseUrl(URI.create("https://cpq.example.com"));
    }

    private static List<String> warnings(int mark) {
        return CapturedLogs.since(mark).stream()
                .filter(l -> l.startsWith("WARN") && l.contains("PartnerAuth.Builder.launchAuthorizer")).toList();
    }

    @Test
    void buildWhenNoLaunchAuthorizerThenOneWarningNamingTheSetting() {
        int mark = CapturedLogs.mark();
        builder().build();
        List<String> lines = warnings(mark);
        assertEquals(1, lines.size(), String.valueOf(CapturedLogs.since(mark)));
        assertEquals(true, lines.get(0).contains("every partner may open every opportunity"), lines.get(0));
    }

    @Test
    void buildWhenLaunchAuthorizerSetThenNoWarning() {
        int mark = CapturedLogs.mark();
        builder().launchAuthorizer((partner, user, request) -> new LaunchAuthorizer.Allowed()).build();
        assertEquals(List.of(), warnings(mark));
    }
}
