package dev.partnerauth.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.StoreUnavailableException;
import dev.partnerauth.TooManyRequestsException;
import dev.partnerauth.UnauthenticatedException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorResponseTest {
    @Test
    void ofWhenThrottledThen429WithRetryAfterRoundedUp() {
        ErrorResponse error = ErrorResponse.of(new TooManyRequestsException(Duration.ofMillis(1500)));

        assertEquals(429, error.status());
        assertEquals(Map.of("Retry-After", "2"), error.headers());
        assertFalse(error.isFault());
    }

    @Test
    void ofWhenHttpRejectionThenItsStatusAndHeaders() {
        ErrorResponse error = ErrorResponse.of(HttpRejection.methodNotAllowed("POST"));

        assertEquals(405, error.status());
        assertEquals(Map.of("Allow", "POST"), error.headers());
    }

    @Test
    void ofWhenRejectedThenItsRowAndProblemsWithoutHeaders() {
        UnauthenticatedException refused = new UnauthenticatedException(UnauthenticatedException.Reason.MISSING);

        ErrorResponse error = ErrorResponse.of(refused);

        assertEquals(refused.status(), error.status());
        assertEquals(refused.problems(), error.problems());
        assertTrue(error.headers().isEmpty());
        assertNull(error.correlationId());
    }

    @Test
    void ofWhenStoreUnavailableThen503WithRetryAfter() {
        ErrorResponse error = ErrorResponse.of(new StoreUnavailableException("database down", null));

        assertEquals(503, error.status());
        assertEquals(Map.of("Retry-After", "5"), error.headers());
        assertEquals("SERVICE_UNAVAILABLE", error.problems().get(0).code());
        assertFalse(error.isFault());
    }

    @Test
    void ofWhenFaultThen500NamingOnlyTheCorrelationId() {
        ErrorResponse error = ErrorResponse.of(new IllegalStateException("secret detail"));

        assertEquals(500, error.status());
        assertNotNull(error.correlationId());
        assertEquals("Internal error. Correlation id: " + error.correlationId(), error.problems().get(0).message());
        assertFalse(error.problems().toString().contains("secret detail"));
    }
}
