package io.ecslattice.workflow;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;

/** {@code List<element>} as a reflective type: what a map node returns, and what it maps over. */
record ListType(Type element) implements ParameterizedType {

    @Override
    public Type[] getActualTypeArguments() {
        return new Type[] {element};
    }

    @Override
    public Type getRawType() {
        return List.class;
    }

    @Override
    public Type getOwnerType() {
        return null;
    }

    @Override
    public String getTypeName() {
        return "java.util.List<" + element.getTypeName() + ">";
    }
}
