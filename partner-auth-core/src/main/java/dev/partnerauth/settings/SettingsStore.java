package dev.partnerauth.settings;

/** Where the settings live. Read on every request: implementations should make {@link #get} cheap. */
public interface SettingsStore {
    /** The current settings; {@link AuthenticatorSettings#INITIAL} when never saved. */
    AuthenticatorSettings get();

    void put(AuthenticatorSettings settings);
}
