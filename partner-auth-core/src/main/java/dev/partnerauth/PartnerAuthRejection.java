package dev.partnerauth;

import java.util.List;
import java.util.Objects;

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

    private final int status;
    private final transient List<Problem> problems;

    /**
     * @param status   the HTTP status of the row of the status table
     * @param problems the {@code errors} entries; the first one's message is the exception message
     */
    protected PartnerAuthRejection(int status, List<Problem> problems) {
        super(problems.isEmpty() ? null : problems.get(0).message(), null, false, false);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a rejection needs at least one problem");
        }
        this.status = status;
        this.problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
    }

    /** The HTTP status this rejection answers with. */
    public final int status() {
        return status;
    }

    /** The entries of the {@code errors} array. */
    public final List<Problem> problems() {
        return problems;
    }
}
