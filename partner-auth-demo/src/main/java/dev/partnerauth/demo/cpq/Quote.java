package dev.partnerauth.demo.cpq;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A quote in the demo CPQ.
 *
 * @param id        unique within its partner's quotes only: ids are per partner
 * @param partnerId the partner whose user made it
 * @param syncedAs  who the CRM sync ran as, or {@code null} while the quote is a draft
 */
record Quote(String id, String partnerId, String opportunityId, String name, BigDecimal amount, String createdBy, Instant createdAt,
             String syncedAs) {
    Quote {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(opportunityId, "opportunityId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    boolean submitted() {
        return syncedAs != null;
    }
}
