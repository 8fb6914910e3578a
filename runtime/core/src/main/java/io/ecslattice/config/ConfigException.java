package io.ecslattice.config;

import io.ecslattice.EcsLatticeException;

/** A setting is missing, malformed or invalid; the message names the key, the value, what is valid and where the value came from. */
public final class ConfigException extends EcsLatticeException {
    /** An exception with {@code message}. */
    public ConfigException(String message) {
        super(message);
    }

    /** An exception with {@code message}, caused by {@code cause}. */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
