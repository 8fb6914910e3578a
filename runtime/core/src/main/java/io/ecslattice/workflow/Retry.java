package io.ecslattice.workflow;

import io.ecslattice.graph.GraphException;
import io.ecslattice.graph.RetrySpec;
import java.io.Serializable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Which failures of an electron are tried again, how often and after what wait:
 * {@code Retry.times(3).backoff(Backoff.exponential(ofSeconds(1), ofMinutes(1)).jitter(0.5)).on(IOException.class)}.
 * Without {@link #on}, {@link #when} or {@link #onTimeout}, every failure retries (the electron's exception,
 * a timeout, a task that died). The dispatching process decides, from the attempt's error type and message.
 */
public final class Retry {

    private final RetrySpec spec;

    private Retry(RetrySpec spec) {
        this.spec = spec;
    }

    /** Up to {@code retries} more attempts after a failed one: at most {@code retries + 1} attempts in all. */
    public static Retry times(int retries) {
        if (retries < 0) {
            throw new WorkflowException("Retry.times(" + retries + "): the number of retries must be 0 or more, e.g. Retry.times(3)");
        }
        return new Retry(new RetrySpec(retries, RetrySpec.BackoffSpec.NONE, List.of(), false, null, null));
    }

    /** This policy waiting {@code backoff} between attempts. */
    public Retry backoff(Backoff backoff) {
        return new Retry(new RetrySpec(spec.retries(), backoff.spec(), spec.retryOn(), spec.retryTimeouts(),
                spec.predicateClass(), spec.predicateMethod()));
    }

    /** This policy also retrying failures whose exception is one of {@code types} (or a subtype). */
    @SafeVarargs
    public final Retry on(Class<? extends Throwable>... types) {
        List<String> names = new ArrayList<>(spec.retryOn());
        for (Class<? extends Throwable> type : types) {
            names.add(type.getName());
        }
        return new Retry(new RetrySpec(spec.retries(), spec.backoff(), names, spec.retryTimeouts(), spec.predicateClass(),
                spec.predicateMethod()));
    }

    /** This policy also retrying attempts stopped by the electron's timeout. */
    public Retry onTimeout() {
        return new Retry(new RetrySpec(spec.retries(), spec.backoff(), spec.retryOn(), true, spec.predicateClass(),
                spec.predicateMethod()));
    }

    /**
     * This policy also retrying failures for which {@code predicate} answers true. The predicate runs in
     * whichever process drives the dispatch (also one that takes it over), so like an electron it must be a
     * static method or a lambda that captures nothing: it is stored by class and method name.
     */
    public Retry when(Predicate predicate) {
        Method method;
        try {
            method = ElectronMethod.of(predicate, "Retry.when").method();
        } catch (WorkflowException e) {
            throw new WorkflowException(e.getMessage().replace("an electron runs in another JVM", "a retry predicate runs in "
                    + "whichever process drives the dispatch"), e);
        }
        if (method.getParameterCount() != 1 || !method.getParameterTypes()[0].equals(Failure.class)
                || method.getReturnType() != boolean.class || !Modifier.isStatic(method.getModifiers())) {
            throw new WorkflowException("Retry.when(" + method.getName() + "): the predicate must be a static boolean m(Failure)");
        }
        if (spec.predicateClass() != null) {
            throw new WorkflowException("Retry.when was given twice; combine the conditions in one predicate");
        }
        try {
            return new Retry(new RetrySpec(spec.retries(), spec.backoff(), spec.retryOn(), spec.retryTimeouts(),
                    method.getDeclaringClass().getName(), method.getName()));
        } catch (GraphException e) {
            throw new WorkflowException(e.getMessage(), e);
        }
    }

    RetrySpec spec() {
        return spec;
    }

    /** Decides whether a failed attempt is tried again; a static method or a non-capturing lambda. */
    @FunctionalInterface
    public interface Predicate extends Serializable {
        /** True when the attempt that failed with {@code failure} is tried again. */
        boolean test(Failure failure);
    }

    @Override
    public String toString() {
        return spec.toString();
    }
}
