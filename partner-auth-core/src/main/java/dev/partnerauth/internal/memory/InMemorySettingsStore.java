package dev.partnerauth.internal.memory;

import dev.partnerauth.settings.AuthenticatorSettings;
import dev.partnerauth.settings.SettingsStore;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** Settings in this JVM's memory. */
public final class InMemorySettingsStore implements SettingsStore {
    private volatile AuthenticatorSettings settings;

    public InMemorySettingsStore() {
        this(AuthenticatorSettings.INITIAL);
    }

    public InMemorySettingsStore(AuthenticatorSettings initial) {
        this.settings = Objects.requireNonNull(initial, "initial");
    }

    @Override
    public AuthenticatorSettings get() {
        return settings;
    }

    @Override
    public synchronized void put(AuthenticatorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public synchronized AuthenticatorSettings update(UnaryOperator<AuthenticatorSettings> change) {
        AuthenticatorSettings updated = Objects.requireNonNull(change.apply(settings), "updated");
        this.settings = updated;
        return updated;
    }
}
