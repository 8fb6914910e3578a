package io.ecslattice.workflow;

import java.io.Serializable;
import java.util.Objects;

/**
 * A task backed by a plain static method, named by a method reference such as
 * {@code Electron.of(MyWorkflow::myStep)}. The reference must not capture anything, because the task runs
 * in another JVM where it is found by class and method name. {@code of} returns an {@link Electron0} to
 * {@link Electron5} whose {@code call} (and {@code map}) keep the parameter types; how it runs is its
 * {@link ElectronOptions}, set through the setters every arity shares ({@code executor}, {@code retries},
 * {@code timeout}, {@code cache}, resources) or all at once with {@link #options(ElectronOptions)}.
 */
public abstract sealed class Electron permits Electron0, Electron1, Electron2, Electron3, Electron4, Electron5 {

    private final ElectronMethod method;
    private final ElectronOptions options;

    Electron(ElectronMethod method, ElectronOptions options) {
        this.method = method;
        this.options = Objects.requireNonNull(options, "options");
    }

    /** How this electron runs. */
    public final ElectronOptions options() {
        return options;
    }

    /** This electron with {@code options} in place of its own, of the same arity. */
    public abstract Electron options(ElectronOptions options);

    ElectronMethod method() {
        return method;
    }

    @Override
    public String toString() {
        return "Electron(" + method.label() + (options.executorName() == null ? "" : " on " + options.executorName()) + ")";
    }

    /** The electron that runs static method {@code fn} of 0 parameters. */
    public static <R> Electron0<R> of(Fn0<R> fn) {
        return new Electron0<>(ElectronMethod.of(fn), ElectronOptions.DEFAULTS);
    }

    /** The electron that runs static method {@code fn} of 1 parameter. */
    public static <A, R> Electron1<A, R> of(Fn1<A, R> fn) {
        return new Electron1<>(ElectronMethod.of(fn), ElectronOptions.DEFAULTS);
    }

    /** The electron that runs static method {@code fn} of 2 parameters. */
    public static <A, B, R> Electron2<A, B, R> of(Fn2<A, B, R> fn) {
        return new Electron2<>(ElectronMethod.of(fn), ElectronOptions.DEFAULTS);
    }

    /** The electron that runs static method {@code fn} of 3 parameters. */
    public static <A, B, C, R> Electron3<A, B, C, R> of(Fn3<A, B, C, R> fn) {
        return new Electron3<>(ElectronMethod.of(fn), ElectronOptions.DEFAULTS);
    }

    /** The electron that runs static method {@code fn} of 4 parameters. */
    public static <A, B, C, D, R> Electron4<A, B, C, D, R> of(Fn4<A, B, C, D, R> fn) {
        return new Electron4<>(ElectronMethod.of(fn), ElectronOptions.DEFAULTS);
    }

    /** The electron that runs static method {@code fn} of 5 parameters. */
    public static <A, B, C, D, E, R> Electron5<A, B, C, D, E, R> of(Fn5<A, B, C, D, E, R> fn) {
        return new Electron5<>(ElectronMethod.of(fn), ElectronOptions.DEFAULTS);
    }

    /** A static method of 0 parameters, as a serializable method reference. */
    @FunctionalInterface
    public interface Fn0<R> extends Serializable {
        R apply() throws Exception;
    }

    /** A static method of 1 parameter, as a serializable method reference. */
    @FunctionalInterface
    public interface Fn1<A, R> extends Serializable {
        R apply(A a) throws Exception;
    }

    /** A static method of 2 parameters, as a serializable method reference. */
    @FunctionalInterface
    public interface Fn2<A, B, R> extends Serializable {
        R apply(A a, B b) throws Exception;
    }

    /** A static method of 3 parameters, as a serializable method reference. */
    @FunctionalInterface
    public interface Fn3<A, B, C, R> extends Serializable {
        R apply(A a, B b, C c) throws Exception;
    }

    /** A static method of 4 parameters, as a serializable method reference. */
    @FunctionalInterface
    public interface Fn4<A, B, C, D, R> extends Serializable {
        R apply(A a, B b, C c, D d) throws Exception;
    }

    /** A static method of 5 parameters, as a serializable method reference. */
    @FunctionalInterface
    public interface Fn5<A, B, C, D, E, R> extends Serializable {
        R apply(A a, B b, C c, D d, E e) throws Exception;
    }
}
