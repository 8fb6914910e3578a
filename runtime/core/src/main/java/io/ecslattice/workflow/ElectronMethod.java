package io.ecslattice.workflow;

import java.io.Serializable;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

/**
 * The static method behind an electron, found through the {@link SerializedLambda} of a serializable
 * method reference: the class and method name the task runner will call in another JVM.
 *
 * @param method the static method
 */
record ElectronMethod(Method method) {

    /** The static method {@code fn} refers to; rejects captures, instance methods and constructors. */
    static ElectronMethod of(Serializable fn) {
        return of(fn, "Electron.of");
    }

    /** As {@link #of(Serializable)}, with messages that start with {@code what} (e.g. {@code Retry.when}). */
    static ElectronMethod of(Serializable fn, String what) {
        SerializedLambda lambda = serializedLambda(fn, what);
        String implClass = lambda.getImplClass().replace('/', '.');
        String where = implClass.substring(implClass.lastIndexOf('.') + 1) + "::" + lambda.getImplMethodName();
        if (lambda.getCapturedArgCount() > 0) {
            throw new WorkflowException(what + "(" + where + "): the lambda or method reference captures "
                    + lambda.getCapturedArgCount() + " value(s) from its surroundings; an electron runs in another JVM, "
                    + "so use a static method (e.g. MyWorkflow::myStep) and pass values as arguments");
        }
        if (lambda.getImplMethodKind() != MethodHandleInfo.REF_invokeStatic) {
            throw new WorkflowException(what + "(" + where + "): " + lambda.getImplMethodName()
                    + " is an instance method or constructor; an electron must be a static method (e.g. MyWorkflow::myStep)");
        }
        try {
            Class<?> owner = Class.forName(implClass, false, fn.getClass().getClassLoader());
            for (Method method : owner.getDeclaredMethods()) {
                if (method.getName().equals(lambda.getImplMethodName()) && Modifier.isStatic(method.getModifiers())
                        && MethodType.methodType(method.getReturnType(), method.getParameterTypes()).toMethodDescriptorString()
                        .equals(lambda.getImplMethodSignature())) {
                    return new ElectronMethod(method);
                }
            }
            throw new WorkflowException(what + "(" + where + "): no static method " + lambda.getImplMethodName()
                    + lambda.getImplMethodSignature() + " in " + implClass);
        } catch (ClassNotFoundException e) {
            throw new WorkflowException(what + "(" + where + "): cannot load " + implClass + ": " + e.getMessage(), e);
        }
    }

    private static SerializedLambda serializedLambda(Serializable fn, String what) {
        try {
            Method writeReplace = fn.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            Object replaced = writeReplace.invoke(fn);
            if (replaced instanceof SerializedLambda lambda) {
                return lambda;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new WorkflowException(what + " needs a method reference to a static method (e.g. MyWorkflow::myStep); got "
                    + fn.getClass().getName(), e);
        }
        throw new WorkflowException(what + " needs a method reference to a static method (e.g. MyWorkflow::myStep); got "
                + fn.getClass().getName());
    }

    String className() {
        return method.getDeclaringClass().getName();
    }

    String name() {
        return method.getName();
    }

    List<String> parameterTypeNames() {
        return Arrays.stream(method.getParameterTypes()).map(Class::getName).toList();
    }

    /** "HelloWorkflow.joinWords" for messages. */
    String label() {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }
}
