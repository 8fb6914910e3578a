package io.ecslattice.config;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A validation of one setting's value.
 *
 * @param <T> the setting's type
 */
@FunctionalInterface
public interface Check<T> {

    /** Null when {@code value} is fine, else what is wrong and what is valid, e.g. "is not a Fargate CPU value; valid: 0.25, 0.5". */
    String problem(T value);

    static Check<Integer> positiveInteger() {
        return value -> value > 0 ? null : "must be a positive integer";
    }

    static Check<BigDecimal> positive() {
        return value -> value.signum() > 0 ? null : "must be positive";
    }

    /** The value must be one of {@code valid}; {@code what} names the set, e.g. "a Fargate CPU value". */
    static Check<BigDecimal> oneOfNumbers(String what, Collection<BigDecimal> valid) {
        return value -> valid.stream().anyMatch(v -> v.compareTo(value) == 0) ? null
                : "is not " + what + "; valid: " + valid.stream().map(BigDecimal::toPlainString).collect(Collectors.joining(", "));
    }

    /** The whole value must match {@code regex}; {@code shape} describes it, e.g. "subnet-" followed by hex digits. */
    static Check<String> matches(String regex, String shape) {
        Pattern pattern = Pattern.compile(regex);
        return value -> pattern.matcher(value).matches() ? null : "does not look like " + shape;
    }
}
