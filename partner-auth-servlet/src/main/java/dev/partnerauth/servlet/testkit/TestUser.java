package dev.partnerauth.servlet.testkit;

import dev.partnerauth.user.UserInformation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A partner user as a test describes it: a user id, and whatever else the test cares about.
 * Immutable; each {@code with} method returns a changed copy.
 */
public final class TestUser {
    private final Map<String, String> fields;

    private TestUser(Map<String, String> fields) {
        this.fields = fields;
    }

    static TestUser of(String userId) {
        Objects.requireNonNull(userId, "userId");
        Map<String, String> f = new LinkedHashMap<>();
        f.put("user_id", userId);
        f.put("login", userId);
        f.put("email", "user-" + Integer.toHexString(userId.hashCode()) + "@partner.example");
        f.put("name", "Partner User " + userId);
        return new TestUser(f);
    }

    public TestUser withLogin(String login) {
        return with("login", login);
    }

    public TestUser withEmail(String email) {
        return with("email", email);
    }

    public TestUser withName(String name) {
        return with("name", name);
    }

    public TestUser withCompany(String company) {
        return with("company", company);
    }

    /**
     * Any other {@code user_information} field by its wire name ({@code position}, {@code phone},
     * {@code country}, {@code profile_img}, ...), sent as the test gives it: the host refuses what
     * the Partner API does not accept, which is what a test of that refusal wants.
     */
    public TestUser with(String wireName, String value) {
        Objects.requireNonNull(wireName, "wireName");
        Objects.requireNonNull(value, "value");
        Map<String, String> f = new LinkedHashMap<>(fields);
        f.put(wireName, value);
        return new TestUser(f);
    }

    public String userId() {
        return fields.get("user_id");
    }

    /** The user as the library's record, for a host's unit tests. */
    public UserInformation toUserInformation() {
        return new UserInformation(fields.get("user_id"), fields.get("login"), fields.get("email"), fields.get("name"),
                fields.get("position"), fields.get("phone"), fields.get("mobile"), fields.get("fax"),
                fields.get("company"), fields.get("street"), fields.get("city"), fields.get("state"),
                fields.get("country"), fields.get("postal_code"), fields.get("profile_img"));
    }

    /** The {@code user_information} object as a PRM sends it, ready for the JSON writer. */
    Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "partner");
        out.putAll(fields);
        return out;
    }

    @Override
    public String toString() {
        return "TestUser" + fields;
    }
}
