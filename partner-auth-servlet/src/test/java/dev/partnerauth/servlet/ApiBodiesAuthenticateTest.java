package dev.partnerauth.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.AuthenticateRequest;
import dev.partnerauth.InvalidRequestException;
import dev.partnerauth.Problem;
import dev.partnerauth.user.UserInformation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiBodiesAuthenticateTest {
    static final String EXAMPLE_KEY = "480zZQNXR8zoTicG.7MIkom0ETwBjYWzi";

    /** The example body of the public contract, field for field. */
    static Map<String, Object> upstreamExample() {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("type", "partner");
        user.put("user_id", "qwerty1234356");
        user.put("login", "david.s@domain.com");
        user.put("email", "david.s@domain.com");
        user.put("name", "David Solomon");
        user.put("position", "Sales");
        user.put("phone", "03-12345678");
        user.put("mobile", "058-12345678");
        user.put("fax", "03-12345679");
        user.put("company", "Acme Partnerl");
        user.put("street", "12nd Broadway");
        user.put("city", "New York");
        user.put("state", "NY");
        user.put("country", "USA");
        user.put("postal_code", "1234567");
        user.put("profile_img", "https://domain.com/img.png");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("authentication", EXAMPLE_KEY);
        body.put("user_information", user);
        return body;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> user(Map<String, Object> body) {
        return (Map<String, Object>) body.get("user_information");
    }

    private static List<Problem> problems(Map<String, Object> body) {
        return assertThrows(InvalidRequestException.class, () -> ApiBodies.authenticate(body)).problems();
    }

    private static Problem onlyProblem(Map<String, Object> body) {
        List<Problem> problems = problems(body);
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    @Test
    void fromJsonWhenUpstreamExampleThenEveryFieldRead() {
        AuthenticateRequest request = ApiBodies.authenticate(upstreamExample());

        UserInformation u = request.user();
        assertEquals(EXAMPLE_KEY, request.presentedKey().text());
        assertEquals("qwerty1234356", u.userId());
        assertEquals("david.s@domain.com", u.login());
        assertEquals("david.s@domain.com", u.email());
        assertEquals("David Solomon", u.name());
        assertEquals("Sales", u.position());
        assertEquals("03-12345678", u.phone());
        assertEquals("058-12345678", u.mobile());
        assertEquals("03-12345679", u.fax());
        assertEquals("Acme Partnerl", u.company());
        assertEquals("12nd Broadway", u.street());
        assertEquals("New York", u.city());
        assertEquals("NY", u.state());
        assertEquals("USA", u.country());
        assertEquals("1234567", u.postalCode());
        assertEquals("https://domain.com/img.png", u.profileImg());
    }

    @Test
    void fromJsonWhenOnlyRequiredFieldsThenOptionalOnesNull() {
        Map<String, Object> body = upstreamExample();
        user(body).keySet().retainAll(List.of("type", "user_id", "login", "email", "name"));

        UserInformation u = ApiBodies.authenticate(body).user();

        assertNull(u.fax());
        assertNull(u.profileImg());
    }

    @Test
    void fromJsonWhenEmailAndNameMissingThenOneMessageListingBoth() {
        Map<String, Object> body = upstreamExample();
        user(body).remove("email");
        user(body).remove("name");

        Problem p = onlyProblem(body);

        assertEquals("Request payload missing mandatory field(s): user_information.email, user_information.name", p.message());
        assertEquals("MISSING_FIELD", p.code());
    }

    @Test
    void fromJsonWhenOneFieldMissingThenMessageAndFieldNameIt() {
        Map<String, Object> body = upstreamExample();
        user(body).remove("login");

        Problem p = onlyProblem(body);

        assertEquals("Request payload missing mandatory field(s): user_information.login", p.message());
        assertEquals("user_information.login", p.field());
    }

    @Test
    void fromJsonWhenEveryUserFieldMissingThenAllListedInContractOrder() {
        Map<String, Object> body = upstreamExample();
        body.remove("authentication");
        user(body).clear();

        Problem p = onlyProblem(body);

        assertEquals("Request payload missing mandatory field(s): authentication, user_information.type, "
                + "user_information.user_id, user_information.login, user_information.email, user_information.name", p.message());
    }

    @Test
    void fromJsonWhenEmptyObjectThenBothTopLevelFieldsMissing() {
        Problem p = onlyProblem(new LinkedHashMap<>());

        assertEquals("Request payload missing mandatory field(s): authentication, user_information", p.message());
    }

    @Test
    void fromJsonWhenRequiredFieldIsJsonNullThenMissing() {
        Map<String, Object> body = upstreamExample();
        user(body).put("user_id", null);

        assertEquals("Request payload missing mandatory field(s): user_information.user_id", onlyProblem(body).message());
    }

    @Test
    void fromJsonWhenOptionalFieldIsJsonNullThenAbsent() {
        Map<String, Object> body = upstreamExample();
        user(body).put("fax", null);

        assertNull(ApiBodies.authenticate(body).user().fax());
    }

    @Test
    void fromJsonWhenUnknownTopLevelFieldThenUnrecognized() {
        Map<String, Object> body = upstreamExample();
        body.put("foo", "bar");

        Problem p = onlyProblem(body);

        assertEquals("Unrecognized parameter: foo", p.message());
        assertEquals("UNRECOGNIZED_PARAMETER", p.code());
    }

    @Test
    void fromJsonWhenUnknownNestedFieldThenUnrecognizedWithItsPath() {
        Map<String, Object> body = upstreamExample();
        user(body).put("foo", "bar");

        Problem p = onlyProblem(body);
        assertEquals("Unrecognized parameter: user_information.foo", p.message());
        assertEquals("user_information.foo", p.field());
    }

    @Test
    void fromJsonWhenUnknownFieldNameHasControlCharactersThenEchoedSafely() {
        Map<String, Object> body = upstreamExample();
        body.put("evil\r\nSet-Cookie: x", "1");

        String message = onlyProblem(body).message();

        assertFalse(message.contains("\r") || message.contains("\n"), message);
    }

    @Test
    void fromJsonWhenTypeNotPartnerThenInvalidValueNamingPartner() {
        Map<String, Object> body = upstreamExample();
        user(body).put("type", "admin");

        Problem p = onlyProblem(body);

        assertEquals("user_information.type - Invalid parameter value. Valid value(s): partner", p.message());
        assertEquals("user_information.type", p.field());
    }

    @Test
    void fromJsonWhenNameHas256CharactersThenTooLong() {
        Map<String, Object> body = upstreamExample();
        user(body).put("name", "n".repeat(256));

        Problem p = onlyProblem(body);

        assertEquals("The request parameter user_information.name exceeds its limits. Allowed maximum length: 255", p.message());
        assertEquals("user_information.name", p.field());
    }

    @Test
    void fromJsonWhenNameHas255CharactersThenAccepted() {
        Map<String, Object> body = upstreamExample();
        user(body).put("name", "n".repeat(255));

        assertEquals(255, ApiBodies.authenticate(body).user().name().length());
    }

    @Test
    void fromJsonWhenEmailHas255CharactersThenTooLong() {
        Map<String, Object> body = upstreamExample();
        user(body).put("email", "a".repeat(60) + "@" + "d".repeat(190) + ".com");

        assertEquals("The request parameter user_information.email exceeds its limits. Allowed maximum length: 254",
                onlyProblem(body).message());
    }

    @Test
    void fromJsonWhenProfileImgHas2049CharactersThenTooLong() {
        Map<String, Object> body = upstreamExample();
        String url = "https://domain.com/";
        user(body).put("profile_img", url + "i".repeat(2049 - url.length()));

        assertEquals("The request parameter user_information.profile_img exceeds its limits. Allowed maximum length: 2048",
                onlyProblem(body).message());
    }

    @Test
    void fromJsonWhenKeyTooLongThenTooLong() {
        Map<String, Object> body = upstreamExample();
        body.put("authentication", "k".repeat(256));

        assertEquals("The request parameter authentication exceeds its limits. Allowed maximum length: 255",
                onlyProblem(body).message());
    }

    @Test
    void fromJsonWhenSeveralFieldsWrongThenEveryProblemReported() {
        Map<String, Object> body = upstreamExample();
        user(body).remove("email");
        user(body).put("type", "admin");
        user(body).put("city", "c".repeat(256));
        body.put("extra", 1);

        List<Problem> problems = problems(body);

        assertEquals(4, problems.size(), problems.toString());
        assertEquals("Request payload missing mandatory field(s): user_information.email", problems.get(0).message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"David\r\nSolomon", "David\nX-Injected: 1", "Nul\u0000", "Tab\there", "Del\u007f", "C1\u0085",
            "Sep\u2028", "Lone\ud800surrogate"})
    void fromJsonWhenControlCharactersThenRefused(String name) {
        Map<String, Object> body = upstreamExample();
        user(body).put("name", name);

        Problem p = onlyProblem(body);

        assertEquals("user_information.name", p.field());
        assertTrue(p.message().startsWith("user_information.name - Invalid parameter value."), p.message());
    }

    @Test
    void fromJsonWhenNonAsciiPrintableTextThenAccepted() {
        Map<String, Object> body = upstreamExample();
        user(body).put("name", "Zoë Ñandú 山田 \ud83d\ude00");

        assertEquals("Zoë Ñandú 山田 \ud83d\ude00", ApiBodies.authenticate(body).user().name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"david", "david@", "@domain.com", "da vid@domain.com", "a@@domain.com", "a@b@domain.com",
            "david@domain", "david@.domain.com", "david@domain..com", "david@-domain.com", "<david>@domain.com"})
    void fromJsonWhenEmailNotAnAddressThenInvalid(String email) {
        Map<String, Object> body = upstreamExample();
        user(body).put("email", email);

        Problem p = onlyProblem(body);

        assertEquals("user_information.email", p.field());
        assertTrue(p.message().startsWith("user_information.email - Invalid parameter value."), p.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "ftp://domain.com/img.png", "/img.png", "img.png", "https://",
            "data:image/png;base64,AAAA", "https:///img.png"})
    void fromJsonWhenProfileImgNotHttpUrlThenInvalid(String url) {
        Map<String, Object> body = upstreamExample();
        user(body).put("profile_img", url);

        assertEquals("user_information.profile_img", onlyProblem(body).field());
    }

    @Test
    void fromJsonWhenProfileImgIsPlainHttpThenAccepted() {
        Map<String, Object> body = upstreamExample();
        user(body).put("profile_img", "http://domain.com/img.png");

        assertEquals("http://domain.com/img.png", ApiBodies.authenticate(body).user().profileImg());
    }

    @Test
    void fromJsonWhenNumberWhereStringBelongsThenInvalid() {
        Map<String, Object> body = upstreamExample();
        user(body).put("user_id", 1234356);

        Problem p = onlyProblem(body);

        assertEquals("user_information.user_id - Invalid parameter value. Valid value(s): string", p.message());
    }

    @Test
    void fromJsonWhenPostalCodeIsNumberThenInvalid() {
        Map<String, Object> body = upstreamExample();
        user(body).put("postal_code", 1234567);

        assertEquals("user_information.postal_code", onlyProblem(body).field());
    }

    @Test
    void fromJsonWhenUserInformationNotAnObjectThenInvalid() {
        Map<String, Object> body = upstreamExample();
        body.put("user_information", "partner");

        assertEquals("user_information - Invalid parameter value. Valid value(s): object", onlyProblem(body).message());
    }

    @Test
    void fromJsonWhenRequiredFieldBlankThenInvalid() {
        Map<String, Object> body = upstreamExample();
        user(body).put("login", "   ");

        assertEquals("user_information.login", onlyProblem(body).field());
    }

    @Test
    void fromJsonWhenRefusedThenMessagesNeverContainTheKey() {
        String key = "pak_AAAAAAAAAAAA_supersecretsupersecretXXXXXX";
        Map<String, Object> body = upstreamExample();
        body.put("authentication", key);
        user(body).remove("email");
        user(body).put("type", "x");

        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> ApiBodies.authenticate(body));

        assertFalse(e.getMessage().contains("supersecret"));
        assertFalse(e.problems().toString().contains("supersecret"));
    }
}
