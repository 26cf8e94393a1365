package dev.partnerauth.internal.calls;

import dev.partnerauth.ForbiddenException;
import dev.partnerauth.StoreUnavailableException;
import dev.partnerauth.allowlist.IpAllowlist;
import dev.partnerauth.audit.AuditEvent;
import dev.partnerauth.crm.CrmSystem;
import dev.partnerauth.internal.jdbc.StoreDatabase;
import dev.partnerauth.internal.key.KeyService;
import dev.partnerauth.internal.token.TokenService.NewGrant;
import dev.partnerauth.jdbc.Dialect;
import dev.partnerauth.key.AuthenticationKey;
import dev.partnerauth.key.KeyId;
import dev.partnerauth.key.PartnerId;
import dev.partnerauth.settings.AuthenticatorSettings;
import dev.partnerauth.token.GrantDigest;
import dev.partnerauth.token.GrantKind;
import dev.partnerauth.token.IssuedCredential;
import dev.partnerauth.token.PendingGrant;
import dev.partnerauth.user.PartnerUser;
import dev.partnerauth.user.UserInformation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The calls over the library's own tables, composed: chosen only when the library owns the keys,
 * settings, users, grants and the audit log, all on one database.
 *
 * <p>Each redemption reads its grant joined with its key, its user and the settings in one
 * SELECT, fresh from the database (single use is never answered from a copy), and writes once.
 * Each write carries the call's audit event, so the event is stored exactly when the call's effect
 * is: on PostgreSQL one statement, a data-modifying {@code WITH} whose parts commit together; on H2
 * and MariaDB/MySQL, which cannot chain writes in one statement, one transaction (one commit). A
 * write that fails, the audit insert included, fails the call with {@link
 * StoreUnavailableException}: no token, no code, no session, and no event lost without the caller
 * knowing.
 *
 * <p>Single use holds across nodes as in the grant store: the spending {@code DELETE} names the
 * row by its key and its claimed contents, and of concurrent deletes of one row only one finds it
 * (a {@code DELETE} waits for the row's lock and re-reads it); the code and the event are inserted
 * only from what that delete returned ({@code SELECT ... FROM spent}) or, in a transaction, only
 * when it removed a row.
 */
public final class ComposedCalls implements PartnerCalls {
    private static final String GRANT_COLUMNS = "key_id, partner_id, user_id, opportunity_ids, expires_at, session_generation";
    private static final String AUDIT_INSERT = "INSERT INTO partner_auth_audit_events"
            + " (at, type, key_id, user_id, client_ip, reason, detail, partner_id, actor)";
    private static final String AUDIT_VALUES = "?, ?, ?, ?, ?, ?, ?, ?, ?";
    private static final List<String> DETAILS = List.of("login", "email", "name", "position", "phone", "mobile", "fax",
            "company", "street", "city", "state", "country", "postal_code", "profile_img");
    private static final String USER_COLUMNS = "partner_id, user_id, " + String.join(", ", DETAILS)
            + ", enabled, created_at, updated_at, last_sign_in_at";
    private static final String USER_PLACEHOLDERS = "?, ".repeat(DETAILS.size() + 2) + "TRUE, ?, ?, ?";
    private static final String USER_KEY = " WHERE partner_id = ? AND user_id = ?";
    /** What a sign-in needs of the user row: the grant's owner, and whether it may sign in in which generation. */
    private static final String SIGNABLE = "partner_id, user_id, enabled, active, session_generation";
    private static final String FIND_SIGNABLE = "SELECT " + SIGNABLE + " FROM partner_auth_users" + USER_KEY;
    private static final String SIGN_IN = "UPDATE partner_auth_users SET last_sign_in_at = ?" + USER_KEY;
    private static final String POSTGRESQL_UPSERT = "INSERT INTO partner_auth_users (" + USER_COLUMNS + ") VALUES ("
            + USER_PLACEHOLDERS + ") ON CONFLICT (partner_id, user_id) DO UPDATE SET "
            + String.join(", ", DETAILS.stream().map(c -> c + " = EXCLUDED." + c).toList())
            + ", updated_at = EXCLUDED.updated_at, last_sign_in_at = EXCLUDED.last_sign_in_at";
    private static final String MARIADB_UPSERT = "INSERT INTO partner_auth_users (" + USER_COLUMNS + ") VALUES ("
            + USER_PLACEHOLDERS + ") ON DUPLICATE KEY UPDATE "
            + String.join(", ", DETAILS.stream().map(c -> c + " = VALUES(" + c + ")").toList())
            + ", updated_at = VALUES(updated_at), last_sign_in_at = VALUES(last_sign_in_at)";
    private static final String H2_UPSERT = "MERGE INTO partner_auth_users u"
            + " USING (SELECT CAST(? AS VARCHAR(40)) AS partner_id, CAST(? AS VARCHAR(255)) AS user_id, "
            + String.join(", ", DETAILS.stream().map(c -> "CAST(? AS VARCHAR(2048)) AS " + c).toList())
            + ", CAST(? AS TIMESTAMP(6) WITH TIME ZONE) AS created_at, CAST(? AS TIMESTAMP(6) WITH TIME ZONE) AS updated_at"
            + ", CAST(? AS TIMESTAMP(6) WITH TIME ZONE) AS last_sign_in_at) s"
            + " ON u.partner_id = s.partner_id AND u.user_id = s.user_id"
            + " WHEN MATCHED THEN UPDATE SET " + String.join(", ", DETAILS.stream().map(c -> c + " = s." + c).toList())
            + ", updated_at = s.updated_at, last_sign_in_at = s.last_sign_in_at"
            + " WHEN NOT MATCHED THEN INSERT (" + USER_COLUMNS + ") VALUES (s.partner_id, s.user_id, "
            + String.join(", ", DETAILS.stream().map(c -> "s." + c).toList())
            + ", TRUE, s.created_at, s.updated_at, s.last_sign_in_at)";

    /** The one read of a redemption: the grant, its key, its user and the settings, each row possibly absent. */
    private static final String REDEMPTION = "SELECT g.key_id, g.partner_id, g.user_id, g.opportunity_ids, g.expires_at,"
            + " g.session_generation, k.id AS k_id, k.partner_id AS k_partner_id, k.name AS k_name,"
            + " k.allowed_ips AS k_allowed_ips, k.created_at AS k_created_at, k.expires_at AS k_expires_at,"
            + " k.last_used_at AS k_last_used_at, u.user_id AS u_user_id, "
            + String.join(", ", DETAILS.stream().map(c -> "u." + c + " AS u_" + c).toList())
            + ", u.enabled AS u_enabled, u.created_at AS u_created_at, u.updated_at AS u_updated_at,"
            + " u.last_sign_in_at AS u_last_sign_in_at, u.active AS u_active, u.session_generation AS u_session_generation,"
            + " s.enabled AS s_enabled, s.crm AS s_crm, s.allowed_origins AS s_allowed_origins"
            + " FROM partner_auth_grants g"
            + " LEFT JOIN partner_auth_keys k ON k.id = g.key_id"
            + " LEFT JOIN partner_auth_users u ON u.partner_id = g.partner_id AND u.user_id = g.user_id"
            + " LEFT JOIN partner_auth_settings s ON s.id = 1"
            + " WHERE g.kind = ? AND g.digest = ?";

    /** Names the row by its key and by what it must hold, so that a delete of anything else removes nothing. */
    private static final String SPEND_WHERE = " WHERE kind = ? AND digest = ? AND expires_at > ?"
            + " AND key_id = ? AND partner_id = ? AND user_id = ? AND session_generation = ?";
    private static final String SPEND = "DELETE FROM partner_auth_grants" + SPEND_WHERE;
    private static final String GRANT_INSERT = "INSERT INTO partner_auth_grants (kind, digest, " + GRANT_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String POSTGRESQL_SPEND_FOR_CODE = "WITH spent AS (" + SPEND + " RETURNING " + GRANT_COLUMNS + "),"
            + " c AS (INSERT INTO partner_auth_grants (kind, digest, " + GRANT_COLUMNS + ")"
            + " SELECT ?, ?, key_id, partner_id, user_id, ?, ?, session_generation FROM spent),"
            + " a AS (" + AUDIT_INSERT + " SELECT " + AUDIT_VALUES + " FROM spent)"
            + " SELECT " + GRANT_COLUMNS + " FROM spent";
    private static final String POSTGRESQL_SPEND_CODE = "WITH spent AS (" + SPEND + " RETURNING " + GRANT_COLUMNS + "),"
            + " a AS (" + AUDIT_INSERT + " SELECT " + AUDIT_VALUES + " FROM spent)"
            + " SELECT " + GRANT_COLUMNS + " FROM spent";

    /** The access token's grant, from the user row as it stands after this call's write, only if it may sign in. */
    private static final String GRANT_FROM_USER = "INSERT INTO partner_auth_grants (kind, digest, " + GRANT_COLUMNS + ")"
            + " SELECT ?, ?, ?, partner_id, user_id, NULL, ?, session_generation FROM u"
            + " WHERE enabled AND active AND session_generation = ?";
    private static final String GRANT_FROM_STORED_USER = "INSERT INTO partner_auth_grants (kind, digest, " + GRANT_COLUMNS
            + ") SELECT ?, ?, ?, partner_id, user_id, NULL, ?, session_generation FROM partner_auth_users" + USER_KEY
            + " AND enabled AND active AND session_generation = ?";
    private static final String KEY_USE = "UPDATE partner_auth_keys SET last_used_at = ? WHERE id = ?";

    /**
     * PostgreSQL's sign-in, one statement per user write and with or without the key's use, built
     * once. {@code u} is the user row after this sign-in (written when it must be), {@code g} the
     * grant inserted from it only when that row may sign in in the token's generation, {@code a}
     * the event and {@code k} the key's last use, both only when {@code g} inserted a row.
     */
    private static final String[][] POSTGRESQL_SIGN_IN = new String[UserWrite.values().length][2];

    static {
        for (UserWrite write : UserWrite.values()) {
            String u = switch (write) {
                case NONE -> FIND_SIGNABLE;
                case SIGN_IN -> SIGN_IN + " RETURNING " + SIGNABLE;
                case UPSERT -> POSTGRESQL_UPSERT + " RETURNING " + SIGNABLE;
            };
            for (int keyUse = 0; keyUse < 2; keyUse++) {
                POSTGRESQL_SIGN_IN[write.ordinal()][keyUse] = "WITH u AS (" + u + "), g AS (" + GRANT_FROM_USER
                        + " RETURNING digest), a AS (" + AUDIT_INSERT + " SELECT " + AUDIT_VALUES + " FROM g)"
                        + (keyUse == 0 ? "" : ", k AS (" + KEY_USE + " AND EXISTS (SELECT 1 FROM g))")
                        + " SELECT enabled, active, session_generation, (SELECT COUNT(*) FROM g) AS granted FROM u";
            }
        }
    }

    /** What a sign-in writes of the user row: nothing, the sign-in time, or the whole row. */
    private enum UserWrite { NONE, SIGN_IN, UPSERT }

    private final StoreDatabase db;
    private final KeyService keys;

    /** @param keys decides when a key's last use is due; it is written here, in the sign-in's statement */
    public ComposedCalls(DataSource dataSource, Duration queryTimeout, KeyService keys) {
        this.db = new StoreDatabase(dataSource, queryTimeout);
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public IssuedCredential signIn(PartnerId partner, KeyId key, UserInformation user,
                                   Supplier<Optional<PartnerUser>> read, Instant now, Mint mint,
                                   AuditEvent accepted) {
        // a copy up to the caller's cache age old is enough to decide: the statement checks the row itself
        Optional<PartnerUser> known = read.get();
        UserWrite write = known.isEmpty() || !known.get().information().equals(user) ? UserWrite.UPSERT
                : known.get().isCurrentFor(user, now) ? UserWrite.NONE : UserWrite.SIGN_IN;
        if (write == UserWrite.NONE) {
            // nothing to write: the refusal's audit is the call's one write
            refuseUnlessSignable(known.get().enabled(), known.get().active());
        }
        long generation = known.map(PartnerUser::sessionGeneration).orElse(0L);
        Instant keyUse = keys.claimUse(key);
        for (int attempt = 1; attempt <= 3; attempt++) {
            // the request's user id: here the grant is a row, not an object on this heap
            NewGrant token = mint.token(user.userId(), generation);
            SignInOutcome outcome;
            try {
                outcome = db.dialect() == Dialect.POSTGRESQL
                        ? signInStatement(write, partner, user, now, token, generation, keyUse, accepted)
                        : signInTransaction(write, partner, user, now, token, generation, keyUse, accepted);
            } catch (RuntimeException e) {
                // H2's MERGE lets two first sign-ins both insert; the loser's retry updates the winner's row
                if (attempt == 1 && StoreDatabase.isUniqueViolation(e)) {
                    continue;
                }
                throw unwritten("authenticate/user", e);
            }
            if (outcome.granted()) {
                if (keyUse != null) {
                    keys.recordedUse(key, keyUse); // written above: this node's copy of the key says so too
                }
                return token.credential();
            }
            if (!outcome.found()) {
                write = UserWrite.UPSERT; // the row was gone (deleted by hand): provision it again
                continue;
            }
            refuseUnlessSignable(outcome.enabled(), outcome.active());
            // signed out on another node since the user was read: the token is minted again, in the
            // stored generation, and the row (written by the first attempt if it had to be) stays
            generation = outcome.sessionGeneration();
            write = UserWrite.NONE;
        }
        throw new StoreUnavailableException("The partner user was signed out again while it signed in; retry", null);
    }

    private static void refuseUnlessSignable(boolean enabled, boolean active) {
        if (!enabled) {
            throw new ForbiddenException(ForbiddenException.Reason.USER_DISABLED);
        }
        if (!active) {
            throw new ForbiddenException(ForbiddenException.Reason.USER_DEACTIVATED);
        }
    }

    /**
     * What a sign-in's write found: whether it saved the grant, else whether the user row exists
     * and what of it refused the grant (the transaction reads these only when it did not save).
     */
    private record SignInOutcome(boolean granted, boolean found, boolean enabled, boolean active,
                                 long sessionGeneration) {
        static final SignInOutcome GRANTED = new SignInOutcome(true, true, true, true, 0);
        static final SignInOutcome NO_USER = new SignInOutcome(false, false, false, false, 0);

        static SignInOutcome read(ResultSet rs, boolean granted) throws SQLException {
            return new SignInOutcome(granted, true, rs.getBoolean("enabled"), rs.getBoolean("active"),
                    rs.getLong("session_generation"));
        }
    }

    /** PostgreSQL: one statement ({@link #POSTGRESQL_SIGN_IN}). */
    private SignInOutcome signInStatement(UserWrite write, PartnerId partner, UserInformation user, Instant now,
                                          NewGrant token, long generation, Instant keyUse, AuditEvent accepted) {
        String sql = POSTGRESQL_SIGN_IN[write.ordinal()][keyUse == null ? 0 : 1];
        List<SignInOutcome> rows = db.query("calls.signIn", sql, s -> {
            Binder b = new Binder(s);
            bindUserWrite(b, write, partner, user, now);
            bindGrantFromUser(b, token, generation);
            bindAudit(b, accepted);
            if (keyUse != null) {
                b.instant(keyUse).string(token.grant().keyId().value());
            }
        }, rs -> SignInOutcome.read(rs, rs.getLong("granted") > 0));
        return rows.isEmpty() ? SignInOutcome.NO_USER : rows.get(0);
    }

    /** H2 and MariaDB/MySQL: the same writes in one transaction, the grant's row count deciding the rest. */
    private SignInOutcome signInTransaction(UserWrite write, PartnerId partner, UserInformation user, Instant now,
                                            NewGrant token, long generation, Instant keyUse, AuditEvent accepted) {
        return db.inTransaction("calls.signIn", c -> {
            if (write != UserWrite.NONE) {
                String sql = write == UserWrite.SIGN_IN ? SIGN_IN
                        : db.dialect() == Dialect.MARIADB ? MARIADB_UPSERT : H2_UPSERT;
                try (PreparedStatement s = db.statement(c, sql)) {
                    bindUserWrite(new Binder(s), write, partner, user, now);
                    s.executeUpdate();
                }
            }
            int granted;
            try (PreparedStatement s = db.statement(c, GRANT_FROM_STORED_USER)) {
                Binder b = new Binder(s);
                b.string(GrantKind.ACCESS_TOKEN.name()).bytes(token.digest()).string(token.grant().keyId().value())
                        .instant(token.grant().expiresAt());
                b.string(partner.value()).string(user.userId()).number(generation);
                granted = s.executeUpdate();
            }
            if (granted == 0) {
                try (PreparedStatement s = db.statement(c, FIND_SIGNABLE)) {
                    s.setString(1, partner.value());
                    s.setString(2, user.userId());
                    try (ResultSet rs = s.executeQuery()) {
                        return rs.next() ? SignInOutcome.read(rs, false) : SignInOutcome.NO_USER;
                    }
                }
            }
            insertAudit(c, accepted);
            if (keyUse != null) {
                try (PreparedStatement s = db.statement(c, KEY_USE)) {
                    new Binder(s).instant(keyUse).string(token.grant().keyId().value());
                    s.executeUpdate();
                }
            }
            return SignInOutcome.GRANTED;
        });
    }

    private void bindUserWrite(Binder b, UserWrite write, PartnerId partner, UserInformation u, Instant now)
            throws SQLException {
        switch (write) {
            case NONE -> b.string(partner.value()).string(u.userId());
            case SIGN_IN -> b.instant(now).string(partner.value()).string(u.userId());
            case UPSERT -> {
                for (String value : new String[] {partner.value(), u.userId(), u.login(), u.email(), u.name(),
                        u.position(), u.phone(), u.mobile(), u.fax(), u.company(), u.street(), u.city(), u.state(),
                        u.country(), u.postalCode(), u.profileImg()}) {
                    b.string(value);
                }
                b.instant(now).instant(now).instant(now);
            }
        }
    }

    private static void bindGrantFromUser(Binder b, NewGrant token, long generation) throws SQLException {
        b.string(GrantKind.ACCESS_TOKEN.name()).bytes(token.digest()).string(token.grant().keyId().value())
                .instant(token.grant().expiresAt()).number(generation);
    }

    @Override
    public Optional<Redemption> accessToken(GrantDigest digest, PendingGrant claimed, Instant now) {
        return read(GrantKind.ACCESS_TOKEN, digest, now);
    }

    @Override
    public Optional<Redemption> launchCode(GrantDigest digest, Instant now) {
        return read(GrantKind.LAUNCH_CODE, digest, now);
    }

    private Optional<Redemption> read(GrantKind kind, GrantDigest digest, Instant now) {
        return db.query("calls.redemption", REDEMPTION, s -> {
            s.setString(1, kind.name());
            s.setBytes(2, digest.toBytes());
        }, rs -> redemption(rs, digest)).stream().filter(r -> !r.grant().isExpiredAt(now)).findFirst();
    }

    @Override
    public Optional<PendingGrant> spendForLaunchCode(GrantDigest token, PendingGrant claimed, Instant now, NewGrant code,
                                                     AuditEvent accepted) {
        try {
            if (db.dialect() == Dialect.POSTGRESQL) {
                return db.query("calls.spendForLaunchCode", POSTGRESQL_SPEND_FOR_CODE, s -> {
                    Binder b = new Binder(s);
                    bindSpend(b, GrantKind.ACCESS_TOKEN, token, now, claimed);
                    b.string(GrantKind.LAUNCH_CODE.name()).bytes(code.digest())
                            .string(StoreDatabase.encodeList(code.grant().opportunityIds())).instant(code.grant().expiresAt());
                    bindAudit(b, accepted);
                }, this::grant).stream().findFirst();
            }
            return db.inTransaction("calls.spendForLaunchCode", c -> {
                if (!spend(c, GrantKind.ACCESS_TOKEN, token, now, claimed)) {
                    return Optional.<PendingGrant>empty();
                }
                try (PreparedStatement s = db.statement(c, GRANT_INSERT)) {
                    PendingGrant g = code.grant();
                    new Binder(s).string(GrantKind.LAUNCH_CODE.name()).bytes(code.digest()).string(g.keyId().value())
                            .string(g.partnerId().value()).string(g.userId())
                            .string(StoreDatabase.encodeList(g.opportunityIds())).instant(g.expiresAt())
                            .number(g.sessionGeneration());
                    s.executeUpdate();
                }
                insertAudit(c, accepted);
                return Optional.of(claimed);
            });
        } catch (RuntimeException e) {
            return lostRace(e, "open/*");
        }
    }

    @Override
    public Optional<PendingGrant> spendLaunchCode(Redemption found, Instant now, AuditEvent accepted) {
        try {
            if (db.dialect() == Dialect.POSTGRESQL) {
                return db.query("calls.spendLaunchCode", POSTGRESQL_SPEND_CODE, s -> {
                    Binder b = new Binder(s);
                    bindSpend(b, GrantKind.LAUNCH_CODE, found.digest(), now, found.grant());
                    bindAudit(b, accepted);
                }, this::grant).stream().findFirst();
            }
            return db.inTransaction("calls.spendLaunchCode", c -> {
                if (!spend(c, GrantKind.LAUNCH_CODE, found.digest(), now, found.grant())) {
                    return Optional.<PendingGrant>empty();
                }
                insertAudit(c, accepted);
                return Optional.of(found.grant());
            });
        } catch (RuntimeException e) {
            return lostRace(e, "landing");
        }
    }

    /**
     * Under REPEATABLE READ or SERIALIZABLE the loser of a concurrent delete is told so by a
     * serialization failure: the row is the winner's, so this is a used grant, not an outage.
     */
    private static Optional<PendingGrant> lostRace(RuntimeException e, String call) {
        if (StoreDatabase.isSerializationFailure(e)) {
            return Optional.empty();
        }
        throw unwritten(call, e);
    }

    /** The delete decides: a row removed by this transaction is this call's, whatever the isolation level. */
    private boolean spend(Connection c, GrantKind kind, GrantDigest digest, Instant now, PendingGrant expected)
            throws SQLException {
        try (PreparedStatement s = db.statement(c, SPEND)) {
            bindSpend(new Binder(s), kind, digest, now, expected);
            return s.executeUpdate() == 1;
        }
    }

    private static void bindSpend(Binder b, GrantKind kind, GrantDigest digest, Instant now, PendingGrant expected)
            throws SQLException {
        b.string(kind.name()).bytes(digest).instant(now).string(expected.keyId().value())
                .string(expected.partnerId().value()).string(expected.userId()).number(expected.sessionGeneration());
    }

    @Override
    public void audit(AuditEvent event) {
        try {
            db.update("calls.audit", AUDIT_INSERT + " VALUES (" + AUDIT_VALUES + ")", s -> bindAudit(new Binder(s), event));
        } catch (RuntimeException e) {
            throw unwritten("audit", e);
        }
    }

    private void insertAudit(Connection c, AuditEvent event) throws SQLException {
        try (PreparedStatement s = db.statement(c, AUDIT_INSERT + " VALUES (" + AUDIT_VALUES + ")")) {
            bindAudit(new Binder(s), event);
            s.executeUpdate();
        }
    }

    private static void bindAudit(Binder b, AuditEvent e) throws SQLException {
        b.instant(e.at()).string(e.type().name()).string(e.keyId()).string(e.userId()).string(e.clientIp())
                .string(e.reason()).string(e.detail()).string(e.partnerId()).string(e.actor());
    }

    /**
     * A write of this path that failed, whatever the database said (unreachable, a refused audit
     * insert, a missing table): the call failed as a whole and may be retried, so the client is
     * told the store is unavailable rather than shown a fault.
     */
    private static RuntimeException unwritten(String call, RuntimeException e) {
        if (e instanceof StoreUnavailableException || !(e instanceof IllegalStateException)
                || !(e.getCause() instanceof SQLException)) {
            return e;
        }
        return new StoreUnavailableException("The partner-auth database did not store " + call
                + " and its audit event (" + e.getMessage() + "); nothing was written, retry later", e);
    }

    private Redemption redemption(ResultSet rs, GrantDigest digest) throws SQLException {
        PendingGrant grant = grant(rs);
        AuthenticationKey key = rs.getString("k_id") == null ? null : new AuthenticationKey(new KeyId(rs.getString("k_id")),
                new PartnerId(rs.getString("k_partner_id")), rs.getString("k_name"),
                IpAllowlist.parse(StoreDatabase.decodeList(rs.getString("k_allowed_ips"))),
                db.getInstant(rs, "k_created_at"), db.getInstant(rs, "k_expires_at"), db.getInstant(rs, "k_last_used_at"));
        PartnerUser user = rs.getString("u_user_id") == null ? null : user(rs, grant.partnerId());
        String crm = rs.getString("s_crm");
        // no settings row yet: the settings store's answer too
        AuthenticatorSettings settings = rs.getObject("s_enabled") == null ? AuthenticatorSettings.INITIAL
                : new AuthenticatorSettings(rs.getBoolean("s_enabled"), crm == null ? null : new CrmSystem(crm),
                        StoreDatabase.decodeList(rs.getString("s_allowed_origins")));
        return new Found(digest, grant, settings, Optional.ofNullable(key), Optional.ofNullable(user));
    }

    private record Found(GrantDigest digest, PendingGrant grant, AuthenticatorSettings settings,
                         Optional<AuthenticationKey> key, Optional<PartnerUser> user) implements Redemption {
    }

    private PendingGrant grant(ResultSet rs) throws SQLException {
        return new PendingGrant(new KeyId(rs.getString("key_id")), new PartnerId(rs.getString("partner_id")),
                rs.getString("user_id"), new HashSet<>(StoreDatabase.decodeList(rs.getString("opportunity_ids"))),
                db.getInstant(rs, "expires_at"), rs.getLong("session_generation"));
    }

    /** The user columns of the redemption read ({@code u_...}). */
    private PartnerUser user(ResultSet rs, PartnerId partner) throws SQLException {
        UserInformation information = new UserInformation(rs.getString("u_user_id"),
                rs.getString("u_login"), rs.getString("u_email"), rs.getString("u_name"),
                rs.getString("u_position"), rs.getString("u_phone"), rs.getString("u_mobile"),
                rs.getString("u_fax"), rs.getString("u_company"), rs.getString("u_street"),
                rs.getString("u_city"), rs.getString("u_state"), rs.getString("u_country"),
                rs.getString("u_postal_code"), rs.getString("u_profile_img"));
        return new PartnerUser(partner, information, rs.getBoolean("u_enabled"),
                db.getInstant(rs, "u_created_at"), db.getInstant(rs, "u_updated_at"),
                db.getInstant(rs, "u_last_sign_in_at"), rs.getBoolean("u_active"),
                rs.getLong("u_session_generation"));
    }

    /** Binds parameters in the order they appear, across the parts of a composed statement. */
    private final class Binder {
        private final PreparedStatement s;
        private int next = 1;

        Binder(PreparedStatement s) {
            this.s = s;
        }

        Binder string(String value) throws SQLException {
            s.setString(next++, value);
            return this;
        }

        Binder bytes(GrantDigest digest) throws SQLException {
            s.setBytes(next++, digest.toBytes());
            return this;
        }

        Binder instant(Instant value) throws SQLException {
            db.setInstant(s, next++, value);
            return this;
        }

        Binder number(long value) throws SQLException {
            s.setLong(next++, value);
            return this;
        }
    }
}
