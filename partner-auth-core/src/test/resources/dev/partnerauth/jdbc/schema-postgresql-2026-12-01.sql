-- partner-auth schema for PostgreSQL (10 or later). Idempotent: safe to run on every start.
-- Apply with dev.partnerauth.jdbc.PartnerAuthSchema.apply(dataSource) or feed it to your
-- migration tool. Statements are separated by a semicolon at the end of a line.

-- Authentication keys: metadata plus the HMAC-SHA-256 of the key, never the key itself.
CREATE TABLE IF NOT EXISTS partner_auth_keys (
    id           VARCHAR(12)  NOT NULL PRIMARY KEY,
    name         VARCHAR(100) NOT NULL,
    allowed_ips  TEXT,
    key_hash     BYTEA        NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    expires_at   TIMESTAMPTZ,
    last_used_at TIMESTAMPTZ
);

-- The one row of "System Settings > API Settings".
CREATE TABLE IF NOT EXISTS partner_auth_settings (
    id              SMALLINT    NOT NULL PRIMARY KEY CHECK (id = 1),
    enabled         BOOLEAN     NOT NULL,
    crm             VARCHAR(40),
    allowed_origins TEXT,
    updated_at      TIMESTAMPTZ NOT NULL
);

-- Partner users, keyed by the PRM's user_id.
CREATE TABLE IF NOT EXISTS partner_auth_users (
    user_id     VARCHAR(255)  NOT NULL PRIMARY KEY,
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
    created_at  TIMESTAMPTZ   NOT NULL,
    updated_at  TIMESTAMPTZ   NOT NULL
);

-- Outstanding access tokens and launch codes, keyed by the SHA-256 of the credential.
CREATE TABLE IF NOT EXISTS partner_auth_grants (
    kind            VARCHAR(16)  NOT NULL,
    digest          BYTEA        NOT NULL,
    key_id          VARCHAR(12)  NOT NULL,
    user_id         VARCHAR(255) NOT NULL,
    opportunity_ids TEXT,
    expires_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (kind, digest)
);
CREATE INDEX IF NOT EXISTS partner_auth_grants_expires_at ON partner_auth_grants (expires_at);
CREATE INDEX IF NOT EXISTS partner_auth_grants_key_id ON partner_auth_grants (key_id);

-- Token-signing keys shared by every node. The UNIQUE bootstrap flag lets exactly one node
-- store the first key when several start at once; later keys leave it NULL.
CREATE TABLE IF NOT EXISTS partner_auth_signing_keys (
    kid        VARCHAR(64) NOT NULL PRIMARY KEY,
    secret     BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    seq        BIGINT      GENERATED ALWAYS AS IDENTITY,
    bootstrap  BOOLEAN     UNIQUE
);

-- Audit events, newest read first.
CREATE TABLE IF NOT EXISTS partner_auth_audit_events (
    id        BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        TIMESTAMPTZ NOT NULL,
    type      VARCHAR(40) NOT NULL,
    key_id    TEXT,
    user_id   TEXT,
    client_ip TEXT,
    reason    TEXT,
    detail    TEXT
);
CREATE INDEX IF NOT EXISTS partner_auth_audit_events_at ON partner_auth_audit_events (at, id);
