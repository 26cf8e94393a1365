package dev.partnerauth;

import java.util.List;

/** 400: the request body is not what the contract asks for. Carries every problem found. */
public final class InvalidRequestException extends PartnerAuthRejection {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(List<Problem> problems) {
        super(400, problems);
    }

    public static InvalidRequestException of(Problem problem) {
        return new InvalidRequestException(List.of(problem));
    }

    /** The body could not be read as a JSON object. */
    public static InvalidRequestException invalidPayloadFormat() {
        return of(Problem.of("INVALID_PAYLOAD_FORMAT", "Invalid payload format. Supported format: JSON"));
    }
}
