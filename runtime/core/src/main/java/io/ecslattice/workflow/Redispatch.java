package io.ecslattice.workflow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ecslattice.wire.Wire;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to change when running a dispatch again ({@link Lattices#redispatch(String, Redispatch)}): the
 * lattice's arguments, and electrons replaced by other static methods of the same parameter types.
 * Immutable; each method returns a new instance.
 */
public final class Redispatch {

    private final Object[] args;
    private final Map<String, Method> replacements;

    private Redispatch(Object[] args, Map<String, Method> replacements) {
        this.args = args;
        this.replacements = Map.copyOf(replacements);
    }

    /** No change: the same arguments and electrons. */
    public static Redispatch same() {
        return new Redispatch(null, Map.of());
    }

    /** Runs with {@code newArgs} instead of the previous arguments. */
    public Redispatch withArgs(Object... newArgs) {
        return new Redispatch(newArgs == null ? new Object[] {null} : newArgs.clone(), replacements);
    }

    /**
     * Runs {@code replacement}'s method, an electron of any arity, wherever the lattice called the electron
     * named {@code electronName} (its method name).
     */
    public Redispatch replace(String electronName, Electron replacement) {
        if (electronName == null || replacement == null) {
            throw new WorkflowException("replace(" + electronName + ", " + replacement + "): give an electron's name and an "
                    + "electron of the same parameter types, e.g. replace(\"square\", Electron.of(MyFlow::cube))");
        }
        Map<String, Method> next = new LinkedHashMap<>(replacements);
        next.put(electronName, replacement.method().method());
        return new Redispatch(args, next);
    }

    /** The new arguments as JSON; null to keep the previous ones. */
    ArrayNode argsJson() {
        if (args == null) {
            return null;
        }
        ArrayNode json = Wire.mapper().createArrayNode();
        for (int i = 0; i < args.length; i++) {
            try {
                json.add(Wire.mapper().valueToTree(args[i]));
            } catch (IllegalArgumentException e) {
                throw new WorkflowException("redispatch argument " + (i + 1) + " (" + args[i] + ") cannot be written as JSON: "
                        + e.getMessage(), e);
            }
        }
        return json;
    }

    Map<String, Method> replacements() {
        return replacements;
    }

    @Override
    public String toString() {
        return "Redispatch(args=" + (args == null ? "same" : Arrays.toString(args)) + ", replace=" + replacements.keySet() + ")";
    }
}
