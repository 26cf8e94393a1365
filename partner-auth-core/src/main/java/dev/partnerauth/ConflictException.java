package dev.partnerauth;

import java.util.List;

/** 409: the request is well formed but contradicts the current state, such as enabling without a supported CRM. */
public final class ConflictException extends PartnerAuthRejection {
    private static final long serialVersionUID = 1L;

    public ConflictException(String code, String message, String field) {
        super(409, List.of(new Problem(code, message, field)));
    }
}
