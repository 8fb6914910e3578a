package io.ecslattice.dispatch;

import io.ecslattice.graph.RetrySpec;
import io.ecslattice.store.AttemptRecord;
import io.ecslattice.wire.TaskError;
import io.ecslattice.graph.TaskFailure;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, in the dispatching process, whether a failed attempt is tried again: from the attempt's error
 * type and message, the node's {@link RetrySpec}, and the electrons' class loader (to match subtypes and
 * to call a predicate stored by class and method name).
 */
final class RetryDecision {

    private static final Logger LOG = LoggerFactory.getLogger(RetryDecision.class);

    private RetryDecision() {
    }

    /** Why an attempt failed, as {@link AttemptRecord#cause()} names it. */
    static String cause(TaskError error) {
        if (TaskFailure.TIMEOUT.equals(error.type())) {
            return AttemptRecord.TIMEOUT;
        }
        // The task runner reports an electron's exception by its class name; executors use plain codes.
        return error.type().contains(".") ? AttemptRecord.ELECTRON : AttemptRecord.INFRASTRUCTURE;
    }

    /** True when {@code spec} retries {@code error} after {@code attempt} attempts. */
    static boolean retries(RetrySpec spec, int attempt, TaskError error, ClassLoader loader, String nodeLabel) {
        if (spec == null || attempt > spec.retries()) {
            return false;
        }
        if (spec.retriesEverything()) {
            return true;
        }
        if (spec.retryTimeouts() && TaskFailure.TIMEOUT.equals(error.type())) {
            return true;
        }
        for (String type : spec.retryOn()) {
            if (isA(error.type(), type, loader)) {
                return true;
            }
        }
        return spec.predicateClass() != null && predicate(spec, error, loader, nodeLabel);
    }

    private static boolean isA(String actual, String wanted, ClassLoader loader) {
        if (actual.equals(wanted)) {
            return true;
        }
        try {
            Class<?> wantedClass = Class.forName(wanted, false, loader);
            Class<?> actualClass = Class.forName(actual, false, loader);
            return wantedClass.isAssignableFrom(actualClass);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static Method predicateMethod(Class<?> owner, String name) throws NoSuchMethodException {
        for (Method method : owner.getDeclaredMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == 1 && Modifier.isStatic(method.getModifiers())
                    && method.getReturnType() == boolean.class) {
                return method;
            }
        }
        throw new NoSuchMethodException("no static boolean " + name + "(Failure) in " + owner.getName());
    }

    private static boolean predicate(RetrySpec spec, TaskError error, ClassLoader loader, String nodeLabel) {
        String where = spec.predicateClass() + "." + spec.predicateMethod();
        try {
            Method method = predicateMethod(Class.forName(spec.predicateClass(), true, loader), spec.predicateMethod());
            // The parameter is the API's failure value, a record of (type, message): made by its canonical
            // constructor, so the engine needs no compile-time dependency on the API above it.
            Object failure = method.getParameterTypes()[0].getDeclaredConstructor(String.class, String.class)
                    .newInstance(error.type(), error.message());
            method.setAccessible(true);
            return (boolean) method.invoke(null, failure);
        } catch (InvocationTargetException e) {
            LOG.warn("retry predicate {} of node {} threw {}; the failure is not retried", where, nodeLabel, e.getCause().toString());
            return false;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.warn("retry predicate {} of node {} cannot be called in this process ({}); the failure is not retried",
                    where, nodeLabel, e.toString());
            return false;
        }
    }
}
