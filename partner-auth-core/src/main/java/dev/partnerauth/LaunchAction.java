package dev.partnerauth;

/** The three ways a partner user can enter the CPQ, each one Partner API endpoint. */
public enum LaunchAction {
    CREATE_QUOTE("create/quote", false),
    OPEN_QUOTE("open/quote", true),
    OPEN_OPPORTUNITY("open/opportunity", false);

    private final String path;
    private final boolean needsQuote;

    LaunchAction(String path, boolean needsQuote) {
        this.path = path;
        this.needsQuote = needsQuote;
    }

    /** The endpoint path below {@code /api/v1/}, such as {@code create/quote}. */
    public String path() {
        return path;
    }

    public boolean needsQuoteId() {
        return needsQuote;
    }
}
