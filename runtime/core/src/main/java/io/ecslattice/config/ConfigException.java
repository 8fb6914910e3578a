package io.ecslattice.config;

/** A setting is missing, malformed or invalid; the message names the key, the value, what is valid and where the value came from. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
