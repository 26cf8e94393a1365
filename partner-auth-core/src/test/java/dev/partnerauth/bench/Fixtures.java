package dev.partnerauth.bench;

import dev.partnerauth.key.PresentedKey;

import dev.partnerauth.AuthenticateRequest;
import dev.partnerauth.PartnerAuth;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.settings.AuthenticatorSettings;
import dev.partnerauth.crm.CrmSystem;
import dev.partnerauth.user.UserInformation;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

/** What the benchmarks share: a pepper, a client address, and partner users to sign in. */
final class Fixtures {
    static final KeyPepper PEPPER = KeyPepper.of(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});
    static final InetAddress CLIENT = address("203.0.113.9");

    private Fixtures() {
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** A partner user as a PRM sends one: the required fields and a few optional ones. */
    static UserInformation user(int n) {
        return new UserInformation("prm-user-" + n, "user" + n + "@partner.example", "user" + n + "@partner.example",
                "Partner User " + n, "Sales", "+1 555 0100", null, null, "Partner Co", null, "Austin", "TX", "US",
                null, null);
    }

    /** The façade with its defaults (in-memory stores, Caffeine grants, SLF4J audit), enabled. */
    static PartnerAuth enabledAuth() {
        PartnerAuth auth = PartnerAuth.builder()
                .keyPepper(PEPPER)
                .publicBaseUrl(URI.create("https://cpq.example.com"))
                .build();
        auth.updateSettings(new AuthenticatorSettings(true, CrmSystem.SALESFORCE, List.of()), "admin");
        return auth;
    }

    static AuthenticateRequest request(String key, int user) {
        return new AuthenticateRequest(PresentedKey.of(key), user(user));
    }
}
