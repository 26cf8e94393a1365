-- partner-auth schema for MariaDB (10.5 or later) and MySQL (8.0 or later), InnoDB. Idempotent:
-- safe to run on every start. Apply with dev.partnerauth.jdbc.PartnerAuthSchema.apply(dataSource)
-- or feed it to your migration tool. Statements are separated by a semicolon at the end of a line.
--
-- Tested on MariaDB 10.11; the statements are meant to be the subset MySQL 8 accepts too (no
-- CREATE INDEX IF NOT EXISTS, no RETURNING: indexes are declared inside CREATE TABLE), but no
-- MySQL server has run them.
--
-- Every table uses utf8mb4_bin, so that a key id never matches another's in a different case (the
-- default collations of both servers ignore case). The PRM's user ids are VARBINARY, UTF-8 bytes:
-- utf8mb4_bin still ignores trailing spaces (a PAD SPACE collation), and a NO PAD one has no name
-- that MariaDB and MySQL share; bytes compare as PostgreSQL compares text, so "u-1", "U-1" and
-- "u-1 " are three users. 1020 bytes hold the 255 characters the API allows. Instants are DATETIME(6) holding UTC: unlike TIMESTAMP
-- they are not shifted by the session time zone and do not end in 2038. Index keys stay under
-- InnoDB's 3072-byte limit (partner_id + user_id: 40 x 4 + 1020 bytes).

-- Authentication keys: metadata plus the HMAC-SHA-256 of the key, never the key itself.
CREATE TABLE IF NOT EXISTS partner_auth_keys (
    id           VARCHAR(12)    NOT NULL PRIMARY KEY,
    partner_id   VARCHAR(40)    NOT NULL,
    name         VARCHAR(100)   NOT NULL,
    allowed_ips  TEXT,
    key_hash     VARBINARY(64)  NOT NULL,
    created_at   DATETIME(6)    NOT NULL,
    expires_at   DATETIME(6),
    last_used_at DATETIME(6)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The one row of "System Settings > API Settings".
CREATE TABLE IF NOT EXISTS partner_auth_settings (
    id              SMALLINT    NOT NULL PRIMARY KEY CHECK (id = 1),
    enabled         BOOLEAN     NOT NULL,
    crm             VARCHAR(40),
    allowed_origins TEXT,
    updated_at      DATETIME(6) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Partner users, keyed by their partner and the PRM's user_id together: partners never share a user.
CREATE TABLE IF NOT EXISTS partner_auth_users (
    partner_id  VARCHAR(40)   NOT NULL,
    user_id     VARBINARY(1020) NOT NULL,
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
    created_at  DATETIME(6)   NOT NULL,
    updated_at  DATETIME(6)   NOT NULL,
    last_sign_in_at DATETIME(6) NOT NULL,
    -- the partner's own switch (deactivate/user), apart from the host's enabled
    active      BOOLEAN       NOT NULL DEFAULT TRUE,
    -- sign-outs so far: a token, code or session stands only in the generation it was issued in
    session_generation BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT partner_auth_users_pkey PRIMARY KEY (partner_id, user_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Outstanding access tokens and launch codes, keyed by the SHA-256 of the credential.
CREATE TABLE IF NOT EXISTS partner_auth_grants (
    kind            VARCHAR(16)   NOT NULL,
    digest          VARBINARY(32) NOT NULL,
    key_id          VARCHAR(12)   NOT NULL,
    partner_id      VARCHAR(40)   NOT NULL,
    user_id         VARBINARY(1020) NOT NULL,
    opportunity_ids TEXT,
    expires_at      DATETIME(6)   NOT NULL,
    session_generation BIGINT     NOT NULL DEFAULT 0,
    PRIMARY KEY (kind, digest),
    INDEX partner_auth_grants_expires_at (expires_at),
    INDEX partner_auth_grants_key_id (key_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Token-signing keys shared by every node. The UNIQUE bootstrap flag lets exactly one node
-- store the first key when several start at once; later keys leave it NULL.
CREATE TABLE IF NOT EXISTS partner_auth_signing_keys (
    kid        VARCHAR(64)    NOT NULL PRIMARY KEY,
    secret     VARBINARY(255) NOT NULL,
    created_at DATETIME(6)    NOT NULL,
    seq        BIGINT         NOT NULL AUTO_INCREMENT UNIQUE,
    bootstrap  BOOLEAN        UNIQUE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Audit events, newest read first.
CREATE TABLE IF NOT EXISTS partner_auth_audit_events (
    id        BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    at        DATETIME(6) NOT NULL,
    type      VARCHAR(40) NOT NULL,
    key_id    TEXT,
    user_id   TEXT,
    client_ip TEXT,
    reason    TEXT,
    detail    TEXT,
    partner_id TEXT,
    actor     TEXT,
    INDEX partner_auth_audit_events_at (at, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Upgrades. This file's first version already has every column the other dialects gained by
-- upgrade (partners, 2026-12-01; partner sign-out, 2026-12-07), so there is nothing to upgrade yet. A later change adds its
-- column to the CREATE TABLE above AND here, as a statement that is a no-op on a database made
-- above (MariaDB: ALTER TABLE ... ADD COLUMN IF NOT EXISTS ...), in the order of the other files.

-- Pepper fingerprint (cluster section): an HMAC-SHA-256 under the key pepper of a fixed label,
-- recorded by the first node to start, so that a node with another pepper refuses to start.
-- It is not the pepper and does not help to guess it.
CREATE TABLE IF NOT EXISTS partner_auth_pepper (
    id          SMALLINT      NOT NULL PRIMARY KEY CHECK (id = 1),
    fingerprint VARBINARY(64) NOT NULL,
    created_at  DATETIME(6)   NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
