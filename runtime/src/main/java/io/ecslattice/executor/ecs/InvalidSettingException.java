package io.ecslattice.executor.ecs;

/**
 * A setting of the ECS executor is missing or invalid. Thrown before any AWS call; the message names
 * the key, the value, where the value came from and what is valid.
 */
public final class InvalidSettingException extends IllegalArgumentException {
    public InvalidSettingException(String message) {
        super(message);
    }

    static InvalidSettingException of(EcsSetting setting, SourcedValue value, String whatIsValid) {
        return new InvalidSettingException(setting.key() + "=" + value.text() + " (from " + value.source()
                + ") is not valid: " + whatIsValid);
    }
}
