package dev.partnerauth;

import java.util.List;

/** 409: the request is well formed but contradicts the current state, such as enabling without a supported CRM. */
public final class ConflictException extends PartnerAuthRejection {
    private static final long serialVersionUID = 1L;
    private final List<Problem> problems;

    public ConflictException(String code, String message, String field) {
        super(message);
        this.problems = List.of(new Problem(code, message, field));
    }

    @Override
    public int status() {
        return 409;
    }

    @Override
    public List<Problem> problems() {
        return problems;
    }
}
