package dev.partnerauth.token;

/** The two kinds of single-use credential; each is redeemable only as its own kind. */
public enum GrantKind {
    ACCESS_TOKEN, LAUNCH_CODE
}
