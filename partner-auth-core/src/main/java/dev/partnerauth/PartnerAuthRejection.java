package dev.partnerauth;

import java.util.List;

/**
 * Something the caller sent was refused. Each subclass maps to one row of the Partner API status
 * table; the servlet layer writes {@link #status()} and {@link #problems()} and nothing else, so a
 * rejection's text is exactly what the caller sees.
 *
 * <p>Rejections carry no stack trace: they are expected, frequent under attack, and a trace would
 * only cost time.
 */
public abstract class PartnerAuthRejection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected PartnerAuthRejection(String message) {
        super(message, null, false, false);
    }

    /** The HTTP status this rejection answers with. */
    public abstract int status();

    /** The entries of the {@code errors} array. */
    public abstract List<Problem> problems();
}
