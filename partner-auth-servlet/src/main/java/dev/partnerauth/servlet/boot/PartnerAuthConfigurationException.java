package dev.partnerauth.servlet.boot;

/**
 * A {@code partner-auth.*} setting that cannot start partner-auth, with the property that fixes it.
 * Its message repeats no value: the pepper and the admin password are secrets.
 */
final class PartnerAuthConfigurationException extends RuntimeException {
    private final String property;
    private final String action;

    PartnerAuthConfigurationException(String property, String problem, String action) {
        super(property + ": " + problem, null, false, false);
        this.property = property;
        this.action = action;
    }

    String property() {
        return property;
    }

    String action() {
        return action;
    }

    /** Runs one builder step, turning its refusal of a value into this exception for {@code property}. */
    static void step(String property, String action, Runnable step) {
        get(property, action, () -> {
            step.run();
            return null;
        });
    }

    /** {@link #step}, for a step that makes a value. */
    static <T> T get(String property, String action, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
            throw new PartnerAuthConfigurationException(property, String.valueOf(e.getMessage()), action);
        }
    }
}
