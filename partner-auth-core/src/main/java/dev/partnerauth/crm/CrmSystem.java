package dev.partnerauth.crm;

import java.util.Locale;
import java.util.Objects;

/**
 * The account's CRM, by name ({@code SALESFORCE}, {@code DYNAMICS}, or any other such as
 * {@code HUBSPOT}, which the Partner API does not support). A name is 1 to 40 upper-case letters,
 * digits or underscores; lower case is accepted and folded.
 */
public record CrmSystem(String name) {
    public static final CrmSystem SALESFORCE = new CrmSystem("SALESFORCE");
    public static final CrmSystem DYNAMICS = new CrmSystem("DYNAMICS");

    public CrmSystem {
        Objects.requireNonNull(name, "name");
        name = name.toUpperCase(Locale.ROOT);
        if (!name.matches("[A-Z0-9_]{1,40}")) {
            throw new IllegalArgumentException("a CRM name is 1 to 40 letters, digits or underscores");
        }
    }

    /** True for the CRMs whose accounts may enable the Partner API. */
    public boolean supportsPartnerApi() {
        return equals(SALESFORCE) || equals(DYNAMICS);
    }

    @Override
    public String toString() {
        return name;
    }
}
