package dev.partnerauth.settings;

import java.util.function.UnaryOperator;

/** Where the settings live. Read on every request: implementations should make {@link #get} cheap. */
public interface SettingsStore {
    /** The current settings; {@link AuthenticatorSettings#INITIAL} when never saved. */
    AuthenticatorSettings get();

    void put(AuthenticatorSettings settings);

    /**
     * Replaces the settings with what {@code change} makes of the current ones, as one atomic step:
     * two concurrent updates of different fields both take effect, whatever the interleaving.
     * {@code change} may run more than once (a database retrying a transaction) and may throw to
     * abandon the update, which then changes nothing.
     *
     * <p>The default reads and then writes under this store object's monitor, which is atomic only
     * within one JVM; a store shared by several nodes must override it.
     *
     * @return the settings written
     */
    default AuthenticatorSettings update(UnaryOperator<AuthenticatorSettings> change) {
        synchronized (this) {
            AuthenticatorSettings updated = java.util.Objects.requireNonNull(change.apply(get()), "updated");
            put(updated);
            return updated;
        }
    }
}
