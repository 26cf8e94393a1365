package dev.partnerauth;

import java.util.List;

/** 404: an administration call named something that does not exist, such as an unknown key id. */
public final class NotFoundException extends PartnerAuthRejection {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(404, List.of(Problem.of("NOT_FOUND", message)));
    }

    /** A 404 that names the request field whose value names nothing, such as {@code user_id}. */
    public NotFoundException(String message, String field) {
        super(404, List.of(new Problem("NOT_FOUND", message, java.util.Objects.requireNonNull(field, "field"))));
    }
}
