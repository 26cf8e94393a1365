package dev.partnerauth.jdbc;

/** What {@code PartnerAuth.Builder.database} does with partner-auth's tables at start-up. */
public enum SchemaSetup {
    /** Creates whatever tables and indexes are missing ({@link PartnerAuthSchema#apply}); the default. */
    APPLY,
    /**
     * Only checks that every table exists ({@link PartnerAuthSchema#verify}), for hosts whose
     * migration tool owns the schema: a missing table is a start-up error naming it.
     */
    VERIFY
}
