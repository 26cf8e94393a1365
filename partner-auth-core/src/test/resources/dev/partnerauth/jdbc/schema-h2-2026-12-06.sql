-- partner-auth schema for H2 2.x. Idempotent: safe to run on every start.
-- Apply with dev.partnerauth.jdbc.PartnerAuthSchema.apply(dataSource) or feed it to your
-- migration tool. Statements are separated by a semicolon at the end of a line.

-- Authentication keys: metadata plus the HMAC-SHA-256 of the key, never the key itself.
CREATE TABLE IF NOT EXISTS partner_auth_keys (
    id           VARCHAR(12)  NOT NULL PRIMARY KEY,
    partner_id   VARCHAR(40)  NOT NULL,
    name         VARCHAR(100) NOT NULL,
    allowed_ips  CHARACTER VARYING,
    key_hash     VARBINARY(32)      NOT NULL,
    created_at   TIMESTAMP(6) WITH TIME ZONE  NOT NULL,
    expires_at   TIMESTAMP(6) WITH TIME ZONE,
    last_used_at TIMESTAMP(6) WITH TIME ZONE
);

-- The one row of "System Settings > API Settings".
CREATE TABLE IF NOT EXISTS partner_auth_settings (
    id              SMALLINT    NOT NULL PRIMARY KEY CHECK (id = 1),
    enabled         BOOLEAN     NOT NULL,
    crm             VARCHAR(40),
    allowed_origins CHARACTER VARYING,
    updated_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

-- Partner users, keyed by their partner and the PRM's user_id together: partners never share a user.
CREATE TABLE IF NOT EXISTS partner_auth_users (
    partner_id  VARCHAR(40)   NOT NULL,
    user_id     VARCHAR(255)  NOT NULL,
    login       VARCHAR(255)  NOT NULL,
    email       VARCHAR(255)  NOT NULL,
    name        VARCHAR(255)  NOT NULL,
    position    VARCHAR(255),
    phone       VARCHAR(255),
    mobile      VARCHAR(255),
    fax         VARCHAR(255),
    company     VARCHAR(255),
    street      VARCHAR(255),
    city        VARCHAR(255),
    state       VARCHAR(255),
    country     VARCHAR(255),
    postal_code VARCHAR(255),
    profile_img VARCHAR(2048),
    enabled     BOOLEAN       NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE   NOT NULL,
    updated_at  TIMESTAMP(6) WITH TIME ZONE   NOT NULL,
    last_sign_in_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT partner_auth_users_pkey PRIMARY KEY (partner_id, user_id)
);

-- Outstanding access tokens and launch codes, keyed by the SHA-256 of the credential.
CREATE TABLE IF NOT EXISTS partner_auth_grants (
    kind            VARCHAR(16)  NOT NULL,
    digest          VARBINARY(32)      NOT NULL,
    key_id          VARCHAR(12)  NOT NULL,
    partner_id      VARCHAR(40)  NOT NULL,
    user_id         VARCHAR(255) NOT NULL,
    opportunity_ids CHARACTER VARYING,
    expires_at      TIMESTAMP(6) WITH TIME ZONE  NOT NULL,
    PRIMARY KEY (kind, digest)
);
CREATE INDEX IF NOT EXISTS partner_auth_grants_expires_at ON partner_auth_grants (expires_at);
CREATE INDEX IF NOT EXISTS partner_auth_grants_key_id ON partner_auth_grants (key_id);

-- Token-signing keys shared by every node. The UNIQUE bootstrap flag lets exactly one node
-- store the first key when several start at once; later keys leave it NULL.
CREATE TABLE IF NOT EXISTS partner_auth_signing_keys (
    kid        VARCHAR(64) NOT NULL PRIMARY KEY,
    secret     VARBINARY(1024) NOT NULL,
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    seq        BIGINT      GENERATED ALWAYS AS IDENTITY,
    bootstrap  BOOLEAN     UNIQUE
);

-- Audit events, newest read first.
CREATE TABLE IF NOT EXISTS partner_auth_audit_events (
    id        BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    type      VARCHAR(40) NOT NULL,
    key_id    CHARACTER VARYING,
    user_id   CHARACTER VARYING,
    client_ip CHARACTER VARYING,
    reason    CHARACTER VARYING,
    detail    CHARACTER VARYING,
    partner_id CHARACTER VARYING,
    actor     CHARACTER VARYING
);
CREATE INDEX IF NOT EXISTS partner_auth_audit_events_at ON partner_auth_audit_events (at, id);

-- Upgrade of a database made before partners existed (2026-12-01 and earlier). Every statement is a
-- no-op on a database made by the statements above, so this part is idempotent too.
-- Each existing key becomes a partner of its own, named after the key: prt_<key id>.
ALTER TABLE partner_auth_keys ADD COLUMN IF NOT EXISTS partner_id VARCHAR(40);
UPDATE partner_auth_keys SET partner_id = 'prt_' || id WHERE partner_id IS NULL;
ALTER TABLE partner_auth_keys ALTER COLUMN partner_id SET NOT NULL;
-- Existing users go to the partner of the only key when there was exactly one key; otherwise
-- nobody can tell whose they were, so they are kept under prt_unassigned00, which no key has: they
-- stay listed in the admin API but cannot sign in, and their partner's next sign-in creates them anew.
ALTER TABLE partner_auth_users ADD COLUMN IF NOT EXISTS partner_id VARCHAR(40);
ALTER TABLE partner_auth_users ADD COLUMN IF NOT EXISTS last_sign_in_at TIMESTAMP(6) WITH TIME ZONE;
UPDATE partner_auth_users SET partner_id = COALESCE((SELECT MIN(partner_id) FROM partner_auth_keys HAVING COUNT(*) = 1), 'prt_unassigned00') WHERE partner_id IS NULL;
UPDATE partner_auth_users SET last_sign_in_at = updated_at WHERE last_sign_in_at IS NULL;
ALTER TABLE partner_auth_users ALTER COLUMN partner_id SET NOT NULL;
ALTER TABLE partner_auth_users ALTER COLUMN last_sign_in_at SET NOT NULL;
-- The primary key becomes (partner_id, user_id). H2 cannot test for it in a script: run by a
-- migration tool, these rebuild it each time (harmless, slow on big tables); PartnerAuthSchema.apply
-- runs them only while the key is still (user_id).
ALTER TABLE partner_auth_users DROP PRIMARY KEY;
ALTER TABLE partner_auth_users ADD CONSTRAINT partner_auth_users_pkey PRIMARY KEY (partner_id, user_id);
-- Outstanding tokens and codes of before the upgrade name no partner: they are dropped (they
-- would have expired within minutes anyway), and the PRM signs the user in again.
ALTER TABLE partner_auth_grants ADD COLUMN IF NOT EXISTS partner_id VARCHAR(40);
DELETE FROM partner_auth_grants WHERE partner_id IS NULL;
ALTER TABLE partner_auth_grants ALTER COLUMN partner_id SET NOT NULL;
-- Audit events gain the partner and the acting administrator; older events have neither.
ALTER TABLE partner_auth_audit_events ADD COLUMN IF NOT EXISTS partner_id CHARACTER VARYING;
ALTER TABLE partner_auth_audit_events ADD COLUMN IF NOT EXISTS actor CHARACTER VARYING;

-- Pepper fingerprint (cluster section): an HMAC-SHA-256 under the key pepper of a fixed label,
-- recorded by the first node to start, so that a node with another pepper refuses to start.
-- It is not the pepper and does not help to guess it.
CREATE TABLE IF NOT EXISTS partner_auth_pepper (
    id          SMALLINT    NOT NULL PRIMARY KEY CHECK (id = 1),
    fingerprint VARBINARY(32) NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
