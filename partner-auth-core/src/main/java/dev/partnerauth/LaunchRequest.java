package dev.partnerauth;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The body of a create/open call, validated. Ids are 1 to 255 printable characters: Salesforce
 * ids, Dynamics GUIDs or anything else a CRM uses.
 *
 * @param quoteId {@code null} unless the action is {@link LaunchAction#OPEN_QUOTE}
 */
public record LaunchRequest(LaunchAction action, String opportunityId, String quoteId) {
    static final int MAX_ID_LENGTH = 255;
    private static final Set<String> WITH_QUOTE = Set.of("opportunity_id", "quote_id");
    private static final Set<String> WITHOUT_QUOTE = Set.of("opportunity_id");

    public LaunchRequest {
        Objects.requireNonNull(action, "action");
        requireId(opportunityId, "opportunityId");
        if (action.needsQuoteId()) {
            requireId(quoteId, "quoteId");
        } else if (quoteId != null) {
            throw new IllegalArgumentException("quoteId only belongs to " + LaunchAction.OPEN_QUOTE);
        }
    }

    /**
     * Reads a parsed JSON body.
     *
     * @throws InvalidRequestException listing every missing, unknown or invalid field
     */
    public static LaunchRequest fromJson(LaunchAction action, Map<String, Object> body) {
        RequestFields fields = RequestFields.of(body);
        fields.rejectUnknown(action.needsQuoteId() ? WITH_QUOTE : WITHOUT_QUOTE);
        String opportunity = fields.requiredString("opportunity_id", MAX_ID_LENGTH);
        String quote = action.needsQuoteId() ? fields.requiredString("quote_id", MAX_ID_LENGTH) : null;
        fields.throwIfAny();
        return new LaunchRequest(action, opportunity, quote);
    }

    private static void requireId(String id, String name) {
        Objects.requireNonNull(id, name);
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH || !RequestFields.isPrintable(id)) {
            throw new IllegalArgumentException(name + " must be 1 to " + MAX_ID_LENGTH + " printable characters");
        }
    }
}
