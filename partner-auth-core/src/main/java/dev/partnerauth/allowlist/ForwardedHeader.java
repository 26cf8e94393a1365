package dev.partnerauth.allowlist;

/**
 * The one forwarding header that the trusted proxies are configured to write. Only that header is
 * read; the other is ignored, because a proxy that writes one of them passes the other through
 * unchanged from the caller, who could then choose its own address.
 */
public enum ForwardedHeader {
    /** {@code X-Forwarded-For: client, proxy1, proxy2}: the de-facto standard, and the default. */
    X_FORWARDED_FOR("X-Forwarded-For"),
    /** RFC 7239 {@code Forwarded: for=client, for=proxy1}. */
    FORWARDED("Forwarded");

    private final String headerName;

    ForwardedHeader(String headerName) {
        this.headerName = headerName;
    }

    /** The HTTP header's name as sent. */
    public String headerName() {
        return headerName;
    }
}
