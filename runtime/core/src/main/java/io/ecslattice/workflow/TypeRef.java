package io.ecslattice.workflow;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * A generic result type for {@link Dispatch#attach(String, TypeRef)}, written as an anonymous subclass so
 * the compiler keeps the type argument: {@code new TypeRef<List<Integer>>() {}}.
 *
 * @param <T> the type it stands for
 */
public abstract class TypeRef<T> {

    private final Type type;

    /** Captures the type argument of the anonymous subclass. */
    protected TypeRef() {
        Type superclass = getClass().getGenericSuperclass();
        if (!(superclass instanceof ParameterizedType parameterized)) {
            throw new WorkflowException("TypeRef was created without a type argument; write new TypeRef<List<String>>() {}");
        }
        this.type = parameterized.getActualTypeArguments()[0];
    }

    /** The captured type. */
    public Type type() {
        return type;
    }

    @Override
    public String toString() {
        return "TypeRef<" + type.getTypeName() + ">";
    }
}
