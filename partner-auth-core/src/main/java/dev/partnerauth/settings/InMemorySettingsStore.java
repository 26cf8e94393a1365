package dev.partnerauth.settings;

import java.util.Objects;

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
    public void put(AuthenticatorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }
}
