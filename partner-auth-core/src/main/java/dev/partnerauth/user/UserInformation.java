package dev.partnerauth.user;

import java.io.Serializable;
import java.util.Objects;

/**
 * The partner user's details as the PRM sent them in {@code user_information}. Required: userId,
 * login, email and name; every other component may be {@code null}. Length and content rules are
 * enforced where the request body is read (the servlet module); this record re-checks the
 * invariants that the rest of the library relies on.
 */
public record UserInformation(
        String userId, String login, String email, String name,
        String position, String phone, String mobile, String fax, String company,
        String street, String city, String state, String country, String postalCode,
        String profileImg) implements Serializable {

    /** The one user type the Partner API knows. */
    public static final String TYPE_PARTNER = "partner";

    public UserInformation {
        requireText(userId, "userId");
        requireText(login, "login");
        requireText(email, "email");
        requireText(name, "name");
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
