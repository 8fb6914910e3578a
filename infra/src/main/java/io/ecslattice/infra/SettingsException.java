package io.ecslattice.infra;

/** A CDK context value the stack cannot use; the message names the key, the value and what is valid. */
public final class SettingsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    SettingsException(String key, Object value, String valid) {
        super("CDK context " + key + "=" + value + " is not valid; valid: " + valid);
    }
}
