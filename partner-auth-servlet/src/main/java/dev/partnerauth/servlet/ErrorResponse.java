package dev.partnerauth.servlet;

import dev.partnerauth.PartnerAuthRejection;
import dev.partnerauth.Problem;
import dev.partnerauth.StoreUnavailableException;
import dev.partnerauth.TooManyRequestsException;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a request that did not succeed answers, decided in this one place for every surface: a
 * rejection answers its row of the status table, an outage 503, anything else a 500 whose trace is
 * logged under a correlation id. {@link JsonResponses#error} writes it as the {@code errors} body,
 * {@link LandingPages#error} as a page; neither chooses a status or a {@code Retry-After} itself.
 *
 * @param headers       set on the response as they are ({@code Retry-After}, {@code Allow}, a challenge)
 * @param correlationId the id the fault was logged under; {@code null} unless this is a fault
 */
record ErrorResponse(int status, Map<String, String> headers, List<Problem> problems, String correlationId) {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponse.class);
    private static final SecureRandom IDS = new SecureRandom();
    /** How long a client should wait before retrying after a store outage. */
    static final int OUTAGE_RETRY_SECONDS = 5;
    /** Kept through the reset of a half-written answer: a PRM page must still be able to read a fault's id. */
    private static final List<String> CORS_HEADERS = List.of("Access-Control-Allow-Origin",
            "Access-Control-Allow-Credentials", "Vary");

    ErrorResponse {
        headers = Map.copyOf(headers);
        problems = List.copyOf(problems);
    }

    /** The answer to what a call threw; logs outages and faults, never rejections (they are the caller's). */
    static ErrorResponse of(RuntimeException e) {
        if (e instanceof PartnerAuthRejection rejection) {
            Map<String, String> headers = new LinkedHashMap<>();
            if (rejection instanceof HttpRejection http) {
                headers.putAll(http.headers());
            }
            if (rejection instanceof TooManyRequestsException throttled) {
                headers.put("Retry-After", Long.toString(throttled.retryAfterSeconds()));
            }
            return new ErrorResponse(rejection.status(), headers, rejection.problems(), null);
        }
        if (e instanceof StoreUnavailableException) {
            LOG.warn("partner-auth store unavailable: {}", e.getMessage());
            return new ErrorResponse(503, Map.of("Retry-After", Integer.toString(OUTAGE_RETRY_SECONDS)),
                    List.of(Problem.of("SERVICE_UNAVAILABLE", "The service is temporarily unavailable. Retry shortly.")),
                    null);
        }
        String id = HexFormat.of().formatHex(randomBytes());
        LOG.error("partner-auth fault, correlation id {}", id, e);
        return new ErrorResponse(500, Map.of(),
                List.of(Problem.of("INTERNAL_ERROR", "Internal error. Correlation id: " + id)), id);
    }

    boolean isFault() {
        return correlationId != null;
    }

    /**
     * Readies the response for this answer: a fault may strike half-way through writing another
     * one, whose status and headers must not survive it. Sets this answer's headers.
     *
     * @return false when nothing more can be written (a fault after the response was committed)
     */
    boolean prepare(HttpServletResponse response) {
        if (isFault()) {
            if (response.isCommitted()) {
                return false;
            }
            Map<String, String> kept = new LinkedHashMap<>();
            for (String name : CORS_HEADERS) {
                String value = response.getHeader(name);
                if (value != null) {
                    kept.put(name, value);
                }
            }
            response.reset();
            kept.forEach(response::setHeader);
        }
        headers.forEach(response::setHeader);
        return true;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        IDS.nextBytes(b);
        return b;
    }
}
