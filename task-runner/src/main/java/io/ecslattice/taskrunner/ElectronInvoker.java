package io.ecslattice.taskrunner;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.ecslattice.wire.TaskError;
import io.ecslattice.wire.TaskResult;
import io.ecslattice.wire.TaskSpec;
import io.ecslattice.wire.Wire;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Runs one electron in this JVM: loads its class, finds the static method by name and erased parameter
 * types, reads the arguments by the method's generic parameter types, invokes it and turns what
 * happened (value or exception, captured output, times) into a {@link TaskResult}. Never throws for
 * a problem of the task itself: that becomes the result's error.
 */
public final class ElectronInvoker {

    private static final Map<String, Class<?>> PRIMITIVES = Map.of(
            "boolean", boolean.class, "byte", byte.class, "char", char.class, "short", short.class,
            "int", int.class, "long", long.class, "float", float.class, "double", double.class,
            "void", void.class);

    private final ClassLoader loader;
    private final Clock clock;

    /** An invoker that loads electron classes through {@code loader}. */
    public ElectronInvoker(ClassLoader loader, Clock clock) {
        this.loader = loader;
        this.clock = clock;
    }

    /** An invoker on the system clock. */
    public ElectronInvoker(ClassLoader loader) {
        this(loader, Clock.systemUTC());
    }

    /** Runs the electron {@code spec} names and reports what happened. */
    public TaskResult invoke(TaskSpec spec) {
        ObjectMapper mapper = Wire.mapper();
        Instant startedAt = clock.instant();
        OutputCapture.Session capture = OutputCapture.start();
        JsonNode value = null;
        TaskError error = null;
        try {
            Method method = find(spec);
            Object[] args = arguments(method, spec.arguments());
            Object returned = method.invoke(null, args);
            value = returned == null ? NullNode.getInstance() : mapper.valueToTree(returned);
        } catch (InvocationTargetException e) {
            error = errorOf(e.getCause(), null);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            error = errorOf(e, "could not run " + spec.className() + "." + spec.methodName() + ": ");
        }
        OutputCapture.Captured out = capture.finish();
        return new TaskResult(Wire.VERSION, spec.dispatchId(), spec.nodeId(), value, error,
                out.stdout(), out.stderr(), startedAt, clock.instant());
    }

    private Method find(TaskSpec spec) throws ClassNotFoundException, NoSuchMethodException {
        Class<?> owner = Class.forName(spec.className(), false, loader);
        Class<?>[] types = new Class<?>[spec.parameterTypes().size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = load(spec.parameterTypes().get(i));
        }
        Method method = owner.getDeclaredMethod(spec.methodName(), types);
        if (!Modifier.isStatic(method.getModifiers())) {
            throw new NoSuchMethodException(spec.className() + "." + spec.methodName() + " is not static");
        }
        method.setAccessible(true);
        return method;
    }

    private Class<?> load(String name) throws ClassNotFoundException {
        Class<?> primitive = PRIMITIVES.get(name);
        return primitive != null ? primitive : Class.forName(name, false, loader);
    }

    private static Object[] arguments(Method method, List<JsonNode> json) throws IllegalArgumentException {
        ObjectMapper mapper = Wire.mapper();
        Type[] types = method.getGenericParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            JavaType type = mapper.getTypeFactory().constructType(types[i]);
            try {
                args[i] = mapper.treeToValue(json.get(i), type);
            } catch (Exception e) {
                throw new IllegalArgumentException("argument " + (i + 1) + " (" + method.getParameters()[i].getName()
                        + ") of " + method.getName() + " cannot be read as " + type.toCanonical() + ": " + e.getMessage(), e);
            }
        }
        return args;
    }

    private static TaskError errorOf(Throwable t, String prefix) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        String message = t.getMessage() == null ? "" : t.getMessage();
        return new TaskError(t.getClass().getName(), prefix == null ? message : prefix + message, trace.toString());
    }
}
