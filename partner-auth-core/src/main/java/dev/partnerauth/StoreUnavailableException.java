package dev.partnerauth;

/**
 * A fault, not a rejection: a store (typically the database) could not answer in time. The servlet
 * layer answers 503 with {@code Retry-After}; the request may be retried unchanged.
 */
public final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
