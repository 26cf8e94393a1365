package dev.partnerauth;

import dev.partnerauth.internal.PrintableText;
import java.util.Objects;

/**
 * What a create/open call asks for: the action and the CRM ids it names. Ids are 1 to 255
 * printable characters: Salesforce ids, Dynamics GUIDs or anything else a CRM uses.
 *
 * @param quoteId {@code null} unless the action is {@link LaunchAction#OPEN_QUOTE}
 */
public record LaunchRequest(LaunchAction action, String opportunityId, String quoteId) {
    static final int MAX_ID_LENGTH = 255;

    public LaunchRequest {
        Objects.requireNonNull(action, "action");
        requireId(opportunityId, "opportunityId");
        if (action.needsQuoteId()) {
            requireId(quoteId, "quoteId");
        } else if (quoteId != null) {
            throw new IllegalArgumentException("quoteId only belongs to " + LaunchAction.OPEN_QUOTE);
        }
    }

    private static void requireId(String id, String name) {
        Objects.requireNonNull(id, name);
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH || !PrintableText.isPrintable(id)) {
            throw new IllegalArgumentException(name + " must be 1 to " + MAX_ID_LENGTH + " printable characters");
        }
    }
}
