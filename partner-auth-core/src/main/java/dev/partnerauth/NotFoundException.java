package dev.partnerauth;

import java.util.List;

/** 404: an administration call named something that does not exist, such as an unknown key id. */
public final class NotFoundException extends PartnerAuthRejection {
    private static final long serialVersionUID = 1L;
    private final List<Problem> problems;

    public NotFoundException(String message) {
        super(message);
        this.problems = List.of(Problem.of("NOT_FOUND", message));
    }

    @Override
    public int status() {
        return 404;
    }

    @Override
    public List<Problem> problems() {
        return problems;
    }
}
