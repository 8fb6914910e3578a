package io.ecslattice.dispatch;

import io.ecslattice.graph.NodeSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The code identity of an electron: SHA-256 over its class, method and parameter type names and the
 * bytes of every class file in its nest (the top-level class that declares it, and all the nested,
 * inner, local and anonymous classes compiled with it), read from the class loader that loads it now.
 * It does not see other classes the method calls, libraries or resources: a change there leaves the hash
 * as it was, so a result computed with the old code may be reused.
 */
final class CodeHash {

    private final ClassLoader loader;
    private final Map<String, String> byClass = new ConcurrentHashMap<>();

    CodeHash(ClassLoader loader) {
        this.loader = loader;
    }

    /** The identity of {@code node}'s electron as the class files on this loader's classpath are now. */
    String of(NodeSpec node) {
        String classHash = byClass.computeIfAbsent(node.className(), this::nestHash);
        return sha256(classHash + "\n" + node.className() + "#" + node.methodName() + node.parameterTypes());
    }

    /** The identity of {@code node} with inputs {@code inputsJson}: what a stored result is looked up by. */
    static String cacheKey(NodeSpec node, String inputsJson) {
        return sha256(node.codeHash() + "\n" + inputsJson);
    }

    private String nestHash(String className) {
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new DispatchException("cannot load electron class " + className + " to compute its code hash: " + e, e);
        }
        MessageDigest digest = digest();
        Class<?>[] members = type.getNestHost().getNestMembers();
        Arrays.sort(members, Comparator.comparing(Class::getName));
        for (Class<?> member : members) {
            digest.update(member.getName().getBytes(StandardCharsets.UTF_8));
            digest.update(classBytes(member));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private byte[] classBytes(Class<?> type) {
        String resource = type.getName().replace('.', '/') + ".class";
        ClassLoader source = type.getClassLoader() != null ? type.getClassLoader() : loader;
        try (InputStream in = source.getResourceAsStream(resource)) {
            if (in == null) {
                throw new DispatchException("cannot read " + resource + " to compute the code hash of " + type.getName()
                        + "; electrons must be loaded from class files or jars");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new DispatchException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(String text) {
        return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }
}
