package io.ecslattice.workflow;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import io.ecslattice.wire.Wire;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks that values of a type survive the trip through JSON that every argument and result makes
 * between processes, using the wire's one mapper. Returns a reason or null; never throws.
 */
final class TypeChecks {

    private TypeChecks() {
    }

    /** Why values of {@code type} cannot round-trip through JSON; null when they can. */
    static String problem(Type type) {
        ObjectMapper mapper = Wire.mapper();
        return problem(mapper.getTypeFactory().constructType(type), mapper, new HashSet<>());
    }

    /** Why {@code value} does not come back equal after writing it and reading it as {@code type}; null when it does. */
    static String valueProblem(Object value, Type type) {
        ObjectMapper mapper = Wire.mapper();
        try {
            JsonNode written = mapper.valueToTree(value);
            Object read = mapper.treeToValue(written, mapper.getTypeFactory().constructType(type));
            JsonNode again = mapper.valueToTree(read);
            return written.equals(again) ? null : "it reads back as " + again + " instead of " + written;
        } catch (Exception e) {
            return e.getMessage();
        }
    }

    private static String problem(JavaType type, ObjectMapper mapper, Set<JavaType> seen) {
        if (!seen.add(type) || type.isPrimitive()) {
            return null;
        }
        Class<?> raw = type.getRawClass();
        if (raw == Object.class) {
            return "java.lang.Object (or an unbound type variable) does not say what to read back from JSON; use a concrete type";
        }
        if (type.isContainerType() || type.isReferenceType()) {
            String key = type.getKeyType() == null ? null : problem(type.getKeyType(), mapper, seen);
            return key != null ? key : problem(type.getContentType(), mapper, seen);
        }
        if (simple(raw)) {
            return null;
        }
        if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) {
            return raw.getName() + " is an interface or abstract class; JSON does not say which implementation to create; use a concrete class or a record";
        }
        if (raw.isMemberClass() && !Modifier.isStatic(raw.getModifiers())) {
            return raw.getName() + " is an inner (non-static) class; make it a static nested class or a record";
        }
        if (raw.isRecord()) {
            for (RecordComponent component : raw.getRecordComponents()) {
                String inner = problem(mapper.getTypeFactory().constructType(component.getGenericType()), mapper, seen);
                if (inner != null) {
                    return raw.getSimpleName() + "." + component.getName() + ": " + inner;
                }
            }
            return null;
        }
        BeanDescription read = mapper.getDeserializationConfig().introspect(type);
        boolean creatable = read.findDefaultConstructor() != null
                || read.getConstructors().stream().anyMatch(TypeChecks::isCreator)
                || read.getFactoryMethods().stream().anyMatch(TypeChecks::isCreator);
        if (!creatable) {
            return raw.getName() + " has no no-arg constructor or @JsonCreator, so it cannot be read back from JSON; use a record";
        }
        if (mapper.getSerializationConfig().introspect(type).findProperties().isEmpty()) {
            return raw.getName() + " has no properties (public fields or getters) to write as JSON; use a record";
        }
        return null;
    }

    private static boolean isCreator(AnnotatedMember member) {
        return member.hasAnnotation(com.fasterxml.jackson.annotation.JsonCreator.class);
    }

    private static boolean simple(Class<?> raw) {
        return raw == String.class || Number.class.isAssignableFrom(raw) || raw == Boolean.class || raw == Character.class
                || raw.isEnum() || raw == Void.class || JsonNode.class.isAssignableFrom(raw)
                || raw.getName().startsWith("java.time.") || raw == java.util.UUID.class || raw == java.net.URI.class;
    }
}
